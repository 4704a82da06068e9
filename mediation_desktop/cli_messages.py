"""The command line's own messages (merged into :data:`mediation_desktop.i18n.MESSAGES`): what it says of a
file or folder the system refused, of a database server that cannot be reached, and the kinds of file that
sync commands name."""

from __future__ import annotations

CLI_MESSAGES: dict[str, tuple[str, str]] = {
    "cli.os_error": ("无法读写“{path}”：{reason}。数据没有被改动。",
                     "Cannot read or write '{path}': {reason}. Nothing was changed."),
    "cli.os_error_no_path": ("读写文件时出错：{reason}。数据没有被改动。",
                             "A file could not be read or written: {reason}. Nothing was changed."),
    "cli.unexpected_logged": ("程序出错了（内部错误 {detail}），详细情况已记在日志 {log} 里。数据没有被改动。",
                              "Unexpected error ({detail}), recorded in the log {log}. Nothing was changed."),
    "cli.not_text": ("命令行参数“{arg}”不是有效的文字（有无法识别的字节，可能是编码不对），没有执行，数据没有被改动。",
                     "The command-line argument '{arg}' is not valid text (it holds bytes that are no characters, "
                     "perhaps of another encoding); nothing was run or changed."),
    "cli.path_hidden_char": ("{option} 的文件名“{path}”含有控制字符或不可见的字符（{char}），请换一个名字。"
                             "没有执行，数据没有被改动。",
                             "The name '{path}' given to {option} holds a control or invisible character ({char}); "
                             "choose another name. Nothing was run or changed."),
    # why the system refused a file or folder (OSError's errno)
    "os.not_found": ("文件或文件夹不存在", "no such file or folder"),
    "os.denied": ("没有权限", "permission denied"),
    "os.is_folder": ("这是一个文件夹，不是文件", "it is a folder, not a file"),
    "os.not_folder": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "os.exists": ("已经存在", "it already exists"),
    "os.read_only": ("磁盘或文件夹是只读的", "the disk or folder is read-only"),
    "os.name_too_long": ("文件名太长", "the file name is too long"),
    "os.busy": ("正被另一个程序使用", "it is in use by another program"),
    "os.not_empty": ("文件夹不是空的", "the folder is not empty"),
    "os.invalid": ("文件名或路径不对", "the file name or path is not valid"),
    "os.too_many_links": ("路径中的链接太多", "too many links in the path"),
    "os.no_space": ("磁盘或U盘的空间不够了", "the disk or USB stick is full"),
    "os.too_big": ("文件太大，这个磁盘存不下", "the file is too large for this disk"),
    "os.io": ("读写磁盘时出错（磁盘或U盘可能坏了，或被拔掉了）",
              "the disk could not be read or written (it may be faulty or was unplugged)"),
    "os.too_many_open": ("同时打开的文件太多", "too many files are open"),
    "os.other_disk": ("不能跨磁盘移动", "it cannot be moved to another disk"),
    "os.not_ready": ("磁盘或U盘没有准备好（可能被拔掉了）", "the disk or USB stick is not ready (it may have been "
                                                        "unplugged)"),
    "os.other": ("系统错误 {code}", "system error {code}"),
    # a database server that cannot be reached (a hub's PostgreSQL)
    "db.unreachable.refused": ("数据库服务器没有响应（连接被拒绝），请确认服务器已经启动、地址和端口正确",
                               "the database server refused the connection: check that it runs and that the "
                               "address and port are right"),
    "db.unreachable.host": ("找不到数据库服务器“{host}”，请检查地址", "the database server '{host}' was not found: "
                                                                    "check the address"),
    "db.unreachable.password": ("数据库用户名或密码不对", "wrong database user name or password"),
    "db.unreachable.no_password": ("没有给出数据库密码", "no database password was given"),
    "db.unreachable.no_database": ("服务器上没有数据库“{name}”", "the server has no database '{name}'"),
    "db.unreachable.no_role": ("服务器上没有数据库用户“{name}”", "the server has no database user '{name}'"),
    "db.unreachable.no_socket": ("数据库服务器没有在运行（找不到它的套接字 {socket}），请确认服务器已经启动、地址正确",
                                 "no database server is running at the socket {socket}: check that it runs and "
                                 "that the address is right"),
    "db.unreachable.driver": ("这台电脑缺少这种数据库的驱动程序（{module}），请安装完整版的调解工作台",
                              "this computer lacks the driver for that database ({module}); install the complete "
                              "Mediation Desktop package"),
    "db.unreachable.timeout": ("连接数据库服务器超时", "the connection to the database server timed out"),
    "db.unreachable.url": ("数据库地址“{url}”不对，应写成 postgresql://用户名@服务器/数据库名",
                           "the database URL '{url}' is not right: write postgresql://user@server/database"),
    "report.unknown_org": ("没有机构代码为“{value}”的调委会（本机知道的：{known}）。没有生成报表。",
                           "No committee has the org code '{value}' (this installation knows: {known}). "
                           "No report was written."),
    # the kinds of file the sync commands read
    "cli.kind.data": ("数据包", "data bundle"),
    "cli.kind.reference": ("参考数据包", "reference bundle"),
    "cli.kind.receipt": ("回执", "receipt"),
}
