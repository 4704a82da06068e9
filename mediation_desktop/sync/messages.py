"""The sync messages, Chinese first. Plain data, gathered by ``i18n``."""

from __future__ import annotations

SYNC_MESSAGES: dict[str, tuple[str, str]] = {
    "sync.file_missing": ("找不到文件“{path}”。", "The file '{path}' does not exist."),
    "sync.is_folder": ("“{path}”是一个文件夹，不是数据包；请选择其中的 .zip 文件（可以一次选多个）。",
                       "'{path}' is a folder, not a bundle; choose the .zip files in it (several at once are fine)."),
    "sync.not_a_bundle": ("“{path}”不是调解工作台的数据包（{detail}），未作任何改动。",
                          "'{path}' is not a Mediation Desktop bundle ({detail}); nothing was changed."),
    "sync.incomplete": ("数据包“{path}”不完整或已损坏（可能是没拷完就拔了U盘），请让对方重新拷贝一份。未作任何改动。",
                        "The bundle '{path}' is incomplete or damaged (perhaps the stick was pulled out before the "
                        "copy ended); ask for a fresh copy. Nothing was changed."),
    "sync.too_big": ("数据包“{path}”超出安全限制（{detail}），已拒绝，未作任何改动。",
                     "The bundle '{path}' exceeds a safety limit ({detail}); refused, nothing was changed."),
    "sync.unsafe_member": ("数据包“{path}”含有不安全的成员“{member}”，已拒绝，未作任何改动。",
                           "The bundle '{path}' holds an unsafe member '{member}'; refused, nothing was changed."),
    "sync.damaged": ("数据包“{path}”已损坏或被改动（{detail}），已拒绝，未作任何改动。",
                     "The bundle '{path}' is damaged or was altered ({detail}); refused, nothing was changed."),
    "sync.bad_signature": ("数据包“{path}”的签名不对（不是发送方的密钥签的，或内容被改动），已拒绝，未作任何改动。",
                           "The bundle '{path}' has a wrong signature (not the sender's key, or altered content); "
                           "refused, nothing was changed."),
    "sync.key_changed": ("数据包“{path}”自称来自 {org_name}（{org_code}），但签名密钥与已登记的不同"
                         "（登记的指纹 {pinned}，这个包的 {fingerprint}），已拒绝，未作任何改动。",
                         "The bundle '{path}' claims to come from {org_name} ({org_code}) but is signed by another "
                         "key (pinned {pinned}, this one {fingerprint}); refused, nothing was changed."),
    "sync.unknown_sender": ("数据包“{path}”来自尚未信任的单位 {org_name}（{org_code}），密钥指纹 {fingerprint}。"
                            "请与对方核对指纹后，用 keys trust 导入对方公钥，或在导入时加 --trust-new。未作任何改动。",
                            "The bundle '{path}' comes from {org_name} ({org_code}), which is not trusted yet; key "
                            "fingerprint {fingerprint}. Check the fingerprint with them, then run 'keys trust' with "
                            "their public key file or import with --trust-new. Nothing was changed."),
    "sync.future_version": ("数据包“{path}”由更新版本的程序生成（格式 {format}，数据结构 {schema}），"
                            "当前程序不能读取，请先升级。未作任何改动。",
                            "The bundle '{path}' was made by a newer program (format {format}, schema {schema}); "
                            "update this program first. Nothing was changed."),
    "sync.bad_content": ("数据包“{path}”的内容不符合格式（{detail}），已拒绝，未作任何改动。",
                         "The bundle '{path}' does not match the format ({detail}); refused, nothing was changed."),
    "sync.unsafe_text": ("数据包“{path}”中有文字含不能接受的字符{glyph}（{where}，{char}：不可见的控制字符、不该有的"
                         "换行，或文书字体印不出的字符），已整个拒绝，未作任何改动。",
                         "The bundle '{path}' holds text with a character that is not accepted{glyph} ({where}, "
                         "{char}: an invisible control character, a line break where none belongs, or a character "
                         "the documents' fonts cannot print); refused whole, nothing was changed."),
    # a 生僻字 no document font has (text.unprintable_name says the same to the mediator who types one)
    "sync.rare_character": ("数据包“{path}”中的{glyph}是文书字体里没有的生僻字（{where}），本机印不出来，已整个拒绝，"
                            "未作任何改动。请发送方按生僻字的通常做法改正这条记录：写这个字的通行写法或同音字，在备注中"
                            "用拼音或拆字注明原字（如“左王右君”），再重新导出数据包。",
                            "The bundle '{path}' holds {glyph}, a rare character the documents' fonts do not have "
                            "({where}); it cannot be printed here, so the bundle was refused whole and nothing was "
                            "changed. Ask the sender to correct the record as is usual for rare characters: the "
                            "character's common form or a character of the same sound, the original noted in the "
                            "remarks by its pinyin or its parts (e.g. 'left 王, right 君'), then export again."),
    "sync.not_for_us": ("数据包“{path}”已加密，但不是发给本单位的（本机没有能打开它的密钥）。未作任何改动。",
                        "The bundle '{path}' is encrypted for someone else (no key here opens it). "
                        "Nothing was changed."),
    "sync.bundle_changed": ("数据包“{path}”的编号 {bundle_id} 已经导入过，但内容和当时导入的不一样（被改动或伪造）。"
                            "已拒绝，未作任何改动，也不出回执。",
                            "The bundle '{path}' reuses the number {bundle_id} of a bundle imported before, but its "
                            "contents differ from that one (changed or forged). Refused: nothing was changed and no "
                            "receipt is issued."),
    "sync.own_bundle": ("“{path}”是本机自己写出的文件（数据包或回执），不需要导入。", "'{path}' was written "
                        "here (a bundle or a receipt); there is nothing to import."),
    "sync.not_below": ("数据包“{path}”来自 {org_name}（{org_code}，上级 {parent_code}），不是本单位的下级："
                       "案件数据只由下级交给上级。已拒绝，未作任何改动。",
                       "The bundle '{path}' comes from {org_name} ({org_code}, superior {parent_code}), which is "
                       "not below this unit: case data only goes up to the superior. Refused, nothing was changed."),
    "sync.not_its_unit": ("数据包“{path}”里转发了 {org_name}（{org_code}）的数据包，但它不是转发单位 "
                          "{hub_name}（{hub_code}）的下级（下级的机构代码以上级的代码开头）：一个单位只能转发本单位下级的"
                          "数据。已拒绝整个数据包，未作任何改动。",
                          "The bundle '{path}' forwards a bundle of {org_name} ({org_code}), which is not below the "
                          "forwarding unit {hub_name} ({hub_code}) (a unit's code begins with its superior's): a unit "
                          "forwards only its own units' data. Refused whole, nothing was changed."),
    "sync.not_above": ("参考数据包“{path}”来自 {org_name}（{org_code}），不是本单位的上级，已拒绝，未作任何改动。",
                       "The reference bundle '{path}' comes from {org_name} ({org_code}), which is not this unit's "
                       "superior; refused, nothing was changed."),
    "sync.not_addressed": ("数据包“{path}”是 {org_name}（{org_code}）发给 {recipient} 的，不是发给本单位（{here}）的，"
                           "已拒绝，未作任何改动。",
                           "The bundle '{path}' is from {org_name} ({org_code}) to {recipient}, not to this unit "
                           "({here}); refused, nothing was changed."),
    "sync.wrong_kind": ("文件“{path}”是{kind}，不能用这个命令导入。", "The file '{path}' is a {kind}; this command "
                        "cannot import it."),
    "sync.no_keys": ("本机的签名密钥不在数据目录中（{path}），无法签名或解密。请从备份恢复 keys 文件夹。",
                     "This installation's key is missing from the data folder ({path}); it cannot sign or decrypt. "
                     "Restore the keys folder from a backup."),
    "sync.key_mismatch": ("数据目录中的密钥文件（{path}）与数据库登记的公钥不符。",
                          "The key file in the data folder ({path}) does not match the public key in the database."),
    "sync.bad_key_file": ("“{path}”不是有效的公钥文件（{detail}）。", "'{path}' is not a valid public key file "
                          "({detail})."),
    "sync.trust_self": ("这是本机自己的公钥，不需要信任。", "That is this installation's own public key."),
    "sync.trust_conflict": ("{org_name}（{org_code}）已登记了另一个密钥（指纹 {pinned}），没有信任新的 {fingerprint}，"
                            "未作任何改动。若对方确实换了电脑或密钥，"
                            "请打电话核对新指纹后用 keys trust 文件 --replace 替换。",
                            "{org_name} ({org_code}) already has another key pinned ({pinned}); the new one "
                            "({fingerprint}) was not trusted and nothing was changed. If they really have a new "
                            "computer or key, check the new fingerprint by phone, then run keys trust FILE --replace."),
    "sync.trust_own_unit": ("这个公钥自称属于本单位（{org_code}），但不是本机的密钥（指纹 {fingerprint}），不能信任。",
                            "This key claims to belong to this unit ({org_code}) but is not this installation's key "
                            "(fingerprint {fingerprint}); it cannot be trusted."),
    "sync.speaks_for_other_unit": ("数据包“{path}”是用 {org_name}（{org_code}）登记的密钥签名的，却自称来自 "
                                   "{claimed_name}（{claimed_code}）：单位代码、名称、层级或上级与登记的不符，"
                                   "已拒绝，未作任何改动。请与对方核实：一个单位只能以自己的名义发送数据。",
                                   "The bundle '{path}' is signed with the key pinned for {org_name} ({org_code}) "
                                   "but says it comes from {claimed_name} ({claimed_code}): its code, name, level or "
                                   "superior differs from the unit on record; refused, nothing was changed. Check "
                                   "with them: a unit can only send data in its own name."),
    "sync.unsafe_file_name": ("数据包“{path}”中有附件的文件名“{name}”含有文件夹、盘符或控制字符，"
                              "已整个拒绝，未作任何改动。",
                              "The bundle '{path}' holds an attachment named '{name}', with a folder, a drive or a "
                              "control character in it; refused whole, nothing was changed."),
    "sync.unit_key_changed": ("数据包“{path}”来自 {org_name}（{org_code}），但用的是另一个密钥（登记的指纹 {pinned}，"
                              "这个包的 {fingerprint}），已拒绝，未作任何改动。若对方确实换了电脑或密钥，"
                              "请打电话核对新指纹，用 keys trust 对方公钥文件 --replace 替换后再导入。",
                              "The bundle '{path}' comes from {org_name} ({org_code}) but is signed by another key "
                              "(pinned {pinned}, this one {fingerprint}); refused, nothing was changed. If they "
                              "really have a new computer or key, check the new fingerprint by phone, run keys trust "
                              "with their public key file and --replace, then import again."),
    "sync.not_owner_unknown_case": ("数据包“{path}”由 {org_name}（{org_code}）签名，"
                                    "却含有一条记录（{record} {record_id}），"
                                    "它所属的案件 {case_id} 既不在包里、本机也没有："
                                    "一个单位只能发送自己案件的记录。"
                                    "整个数据包已拒收，未作任何改动。",
                                    "The bundle '{path}' is signed by {org_name} ({org_code}) but carries a record "
                                    "({record} {record_id}) whose case {case_id} is neither in the bundle nor here: a "
                                    "unit may only send the records of its own cases. The whole bundle was refused; "
                                    "nothing was changed."),
    "sync.claims_this_unit": ("数据包“{path}”自称来自本单位 {org_name}（{org_code}），但不是本机写出的"
                              "（密钥指纹 {fingerprint}），已拒绝，未作任何改动。",
                              "The bundle '{path}' claims to come from this unit, {org_name} ({org_code}), but was "
                              "not written here (key fingerprint {fingerprint}); refused, nothing was changed."),
    "sync.not_owner": ("数据包“{path}”由 {org_name}（{org_code}）签名，"
                       "却含有属于 {owner} 的记录（{record} {record_id}）："
                       "一个单位只能发送自己的案件和登记。整个数据包已拒收，未作任何改动。",
                       "The bundle '{path}' is signed by {org_name} ({org_code}) but carries a record owned by "
                       "{owner} ({record} {record_id}): a unit may only send its own cases and registers. The whole "
                       "bundle was refused; nothing was changed."),
    "sync.not_owner_unknown_screening": ("数据包“{path}”由 {org_name}（{org_code}）签名，"
                                         "却含有一条排查发现的纠纷（{record_id}），它所属的排查记录 {screening_id} "
                                         "既不在包里、本机也没有。整个数据包已拒收，未作任何改动。",
                                         "The bundle '{path}' is signed by {org_name} ({org_code}) but carries a "
                                         "dispute found by screening ({record_id}) whose screening {screening_id} is "
                                         "neither in the bundle nor here. The whole bundle was refused; nothing was "
                                         "changed."),
    "sync.read_only": ("无法写入“{path}”：U盘或文件夹是只读的（写保护开关？）或没有写入权限。",
                       "Cannot write '{path}': the stick or folder is read-only (write-protect switch?) or not "
                       "writable."),
    "sync.stick_full": ("无法写入“{path}”：U盘或磁盘已满。", "Cannot write '{path}': the stick or disk is full."),
    "sync.not_written": ("无法写入“{path}”。", "Cannot write '{path}'."),
    "sync.receipt_not_ours": ("回执“{path}”回复的是其他单位导出的数据包，与本机无关。",
                              "The receipt '{path}' answers a bundle another unit wrote; it is not for this "
                              "installation."),
    "sync.skipped": ("已跳过：{reason}", "Skipped: {reason}"),
    "sync.out_dir": ("无法写入“{path}”：所在文件夹不存在。", "Cannot write '{path}': its folder does not exist."),
    "sync.verify_after_write": ("写入“{path}”后读回校验失败（{detail}），请换一个U盘或文件夹再试，"
                                "不要拔出后使用这个文件。",
                                "Reading '{path}' back after writing failed ({detail}); try another stick or "
                                "folder and do not use this file."),
    "sync.unknown_export": ("回执“{path}”所说的数据包 {bundle_id} 不是本机导出的。", "The receipt '{path}' is for "
                            "bundle {bundle_id}, which was not written here."),
    "sync.no_hub": ("还不知道上级（乡镇）的公钥，无法加密；请先导入上级的参考数据包或公钥，或加 --no-encrypt。",
                    "The township's public key is not known yet, so the bundle cannot be encrypted; import the "
                    "township's reference bundle or public key first, or use --no-encrypt."),
    # command output
    "sync.export_done": ("已导出 {path}：{cases} 件案件、共 {records} 条记录（序号 {seq_from}–{seq_to}，{mode}）。"
                         "已读回校验，可以拔出U盘。",
                         "Wrote {path}: {cases} cases, {records} records (sequence {seq_from}–{seq_to}, {mode}). "
                         "Read back and verified: the stick may be removed."),
    "sync.export_forwarded": ("以上是本单位自己的记录；另转发下级 {units} 个单位的数据包 {bundles} 个"
                              "（其中案件记录 {cases} 条）。",
                              "Those are this unit's own records; it also forwards {bundles} bundles from {units} "
                              "units below ({cases} case records)."),
    "sync.plain_warning": ("注意：还不知道上级的公钥，这个数据包没有加密，U盘丢失会泄露其中当事人的姓名、证件号码等。"
                           "请先导入上级的参考数据包（或公钥），以后导出就会加密。",
                           "Note: the superior's public key is not known yet, so this bundle is not encrypted; a lost "
                           "stick would reveal the parties' names, ID numbers and more. Import the superior's "
                           "reference bundle (or public key) first: later exports are then encrypted."),
    "sync.receipt_list_header": ("导出时间\t种类\t序号\t数据包\t回执送达\t拒收",
                                 "Exported\tKind\tSequence\tBundle\tReceipt\tRejected"),
    "sync.mode_full": ("全部，加密", "full, encrypted"),
    "sync.mode_full_plain": ("全部，未加密", "full, not encrypted"),
    "sync.mode_incremental": ("增量，加密", "incremental, encrypted"),
    "sync.mode_incremental_plain": ("增量，未加密", "incremental, not encrypted"),
    "sync.import_summary": ("{path}：新增 {new}，未变 {unchanged}，更新 {updated}，较旧 {older}，冲突 {conflicts}，"
                            "拒收 {rejected}。", "{path}: new {new}, unchanged {unchanged}, updated {updated}, "
                            "older {older}, conflicts {conflicts}, rejected {rejected}."),
    "sync.dry_run_note": ("（预演：没有写入任何数据）", "(dry run: nothing was written)"),
    "sync.already_imported": ("数据包 {bundle_id}（来自 {org_code}）已经导入过，没有改动。",
                              "Bundle {bundle_id} (from {org_code}) was imported before; nothing changed."),
    "sync.gap": ("来自 {org_code} 的数据缺少序号 {seq_from}–{seq_to} 的部分（可能有数据包还没送到）。",
                 "Data from {org_code} is missing sequence {seq_from}–{seq_to} (a bundle may not have arrived)."),
    "sync.problem_owner": ("{type} {id}：属于其他单位，发送方无权修改", "{type} {id}: owned by another installation"),
    "sync.problem_orphan": ("{type} {id}：所属案件不在数据包中", "{type} {id}: its case is not in the bundle"),
    "sync.problem_number": ("{type} {id}：案件编号与已有案件重复", "{type} {id}: case number already used by "
                            "another case"),
    "sync.problem_file": ("{type} {id}：附件文件缺失", "{type} {id}: attachment file missing"),
    "sync.problem_type": ("{type} {id}：附件内容与它所说的类型不符（只收 PDF、JPEG、PNG、TIFF、BMP），没有收下",
                          "{type} {id}: the attachment's content is not the type it says (PDF, JPEG, PNG, TIFF, BMP "
                          "only); not taken"),
    "sync.receipt_written": ("已生成回执 {path}，请带回给 {org_code}。", "Wrote the receipt {path}; take it back "
                             "to {org_code}."),
    "sync.receipt_failed": ("数据已导入，但回执没能写出（{detail}）；"
                            "可再次导入同一数据包重新生成给 {org_code} 的回执。",
                            "The data was imported but its receipt could not be written ({detail}); import the same "
                            "bundle again to make the receipt for {org_code}."),
    "sync.receipt_applied": ("回执已登记：数据包 {bundle_id} 已被 {org_code} 接收（拒收 {rejected} 条）。",
                             "Receipt recorded: bundle {bundle_id} reached {org_code} ({rejected} records rejected)."),
    "sync.key_show": ("本机：{org_name}（{org_code}）\n签名公钥：{sign_key}\n加密公钥：{box_key}\n指纹：{fingerprint}",
                      "This installation: {org_name} ({org_code})\nSigning key: {sign_key}\nEncryption key: "
                      "{box_key}\nFingerprint: {fingerprint}"),
    "sync.key_exported": ("已把本机公钥写入 {path}（指纹 {fingerprint}）。",
                          "Wrote this installation's public key to {path} (fingerprint {fingerprint})."),
    "sync.key_replaced": ("已把 {org_name}（{org_code}）的密钥替换：原指纹 {old}，新指纹 {fingerprint}。"
                          "原密钥签名的数据包不再接受。",
                          "Replaced the key of {org_name} ({org_code}): old fingerprint {old}, new fingerprint "
                          "{fingerprint}. Bundles signed by the old key are no longer accepted."),
    "sync.key_trusted": ("已信任 {org_name}（{org_code}），指纹 {fingerprint}。",
                         "Now trusting {org_name} ({org_code}), fingerprint {fingerprint}."),
    "sync.would_trust": ("首次收到 {org_name}（{org_code}）的数据；确认导入时将信任其密钥，指纹 {fingerprint}。",
                         "First bundle from {org_name} ({org_code}); its key will be trusted when the import is "
                         "applied, fingerprint {fingerprint}."),
    "sync.would_trust_vouched": ("首次收到 {org_name}（{org_code}）的数据，由 {via_name}（{via_code}）转发，"
                                 "其密钥在 {via_name} 签名的下级名单中；确认导入时将信任它，指纹 {fingerprint}。",
                                 "First bundle from {org_name} ({org_code}), forwarded by {via_name} ({via_code}), "
                                 "whose signed list of units below vouches for its key; it will be trusted when the "
                                 "import is applied, fingerprint {fingerprint}."),
    "sync.trusted_vouched": ("首次收到 {org_name}（{org_code}）的数据，由 {via_name}（{via_code}）转发，"
                             "其密钥在 {via_name} 签名的下级名单中，已信任，指纹 {fingerprint}。",
                             "First bundle from {org_name} ({org_code}), forwarded by {via_name} ({via_code}); its "
                             "key was trusted because {via_name}'s signed list of units below vouches for it, "
                             "fingerprint {fingerprint}."),
    "sync.trusted_new": ("首次收到 {org_name}（{org_code}）的数据，已按 --trust-new 信任其密钥，指纹 {fingerprint}。",
                         "First bundle from {org_name} ({org_code}); its key was trusted because of --trust-new, "
                         "fingerprint {fingerprint}."),
    "sync.reference_done": ("已导出参考数据包 {path}（下辖 {villages} 个单位）。",
                            "Wrote the reference bundle {path} ({villages} units below)."),
}
