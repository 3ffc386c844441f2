import Glibc

/// The user's locale for the C library and ncurses, falling back to C.UTF-8 when it is not
/// installed or is not UTF-8 (`LANG=ru_RU.UTF-8` on a machine without that locale would
/// otherwise leave every non-ASCII character blank): maps are UTF-8 whatever the locale.
public func useUTF8Locale() {
    if setlocale(LC_ALL, "") == nil || String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
        setlocale(LC_ALL, "C.UTF-8")
    }
}
