"""Messages of adding an attachment (附件) (zh, en), gathered into the catalogue by :mod:`i18n`. A refusal says
the next step where there is one: a phone's or a chat's picture format (HEIC, WebP, GIF), an accepted picture or
PDF under another type's extension, under one of no accepted type (.jfif) or under none."""

from __future__ import annotations

ATTACHMENT_MESSAGES: dict[str, tuple[str, str]] = {
    "attachment.damaged": ("附件文件已损坏或丢失（{name}），请从备份恢复。",
                           "The attachment's file is damaged or missing ({name}); restore it from a backup."),
    "attachment.no_scanner_folder": ("扫描文件夹不存在：{path}。请在设置中选择扫描仪保存文件的文件夹。",
                                     "The scanner folder does not exist: {path}. Choose it in the settings."),
    "attachment.too_large": ("文件“{path}”太大，附件不能超过 {max_mb} MB。",
                             "The file '{path}' is too large; attachments may be at most {max_mb} MB."),
    "attachment.type_not_accepted": ("文件“{path}”不能作为附件：附件只能是 PDF、JPEG、PNG、TIFF 或 BMP 文件。"
                                     "没有添加。",
                                     "The file '{path}' cannot be attached: an attachment must be a PDF, JPEG, PNG, "
                                     "TIFF or BMP file. Nothing was added."),
    "attachment.not_what_it_says": ("文件“{path}”不是它的扩展名所说的文件（{detail}），没有添加。",
                                    "The file '{path}' is not what its extension says ({detail}); nothing was "
                                    "added."),
    "attachment.heic": (
        "文件“{path}”是手机（苹果 iPhone 或部分安卓手机）拍的 HEIC 格式照片，不能作为附件，没有添加。请换成 JPEG 照片"
        "再添加：已经拍好的，可以用微信把它发到电脑上（发给“文件传输助手”），再从微信里保存图片，保存下来的就是 JPEG；"
        "以后拍照前，在手机“设置 → 相机 → 格式”里选“兼容性最佳”，拍出来的就是 JPEG。",
        "The file '{path}' is a HEIC photo from a phone (an iPhone or some Android phones), which cannot be attached; "
        "nothing was added. Add it as a JPEG: send the photo to this computer through WeChat (to 'File Transfer') and "
        "save the picture from WeChat, which saves a JPEG; before taking more photos, set the phone's Settings → "
        "Camera → Formats to 'Most Compatible', which takes JPEGs.",
    ),
    "attachment.webp": (
        "文件“{path}”是 WebP 格式的图片（微信等常这样保存），不能作为附件，没有添加。请在电脑上用“画图”打开它，"
        "“另存为”JPEG 或 PNG 图片后再添加。",
        "The file '{path}' is a WebP picture (as WeChat and others often save them), which cannot be attached; nothing "
        "was added. Open it in Paint on this computer, 'Save as' a JPEG or PNG picture, and add that.",
    ),
    "attachment.gif": (
        "文件“{path}”是 GIF 格式的图片（动图、表情图常是这种），不能作为附件，没有添加。请在电脑上用“画图”打开它，"
        "“另存为”PNG 或 JPEG 图片后再添加（动图只留下第一个画面）。",
        "The file '{path}' is a GIF picture (as animations and stickers are), which cannot be attached; nothing was "
        "added. Open it in Paint on this computer, 'Save as' a PNG or JPEG picture, and add that (an animation keeps "
        "its first frame).",
    ),
    "attachment.wrong_extension": (
        "文件“{path}”其实是 {actual} 文件，扩展名却写成了 {named}（微信等保存图片时常这样），没有添加。"
        "请把扩展名改成 {suffix}（改名为“{suggested}”）再添加。"
        "看不到扩展名时，在文件夹窗口的“查看”里勾选“文件扩展名”。",
        "The file '{path}' is really a {actual} file, but its extension says {named} (WeChat and others often save "
        "pictures so); nothing was added. Rename its extension to {suffix} (name it '{suggested}') and add it again. "
        "If extensions are hidden, tick 'File name extensions' under View in the folder window.",
    ),
    "attachment.no_extension": (
        "文件“{path}”其实是 {actual} 文件，但文件名没有扩展名，没有添加。请改名为“{suggested}”再添加。"
        "看不到扩展名时，在文件夹窗口的“查看”里勾选“文件扩展名”。",
        "The file '{path}' is really a {actual} file, but its name has no extension; nothing was added. Name it "
        "'{suggested}' and add it again. If extensions are hidden, tick 'File name extensions' under View in the "
        "folder window.",
    ),
}
