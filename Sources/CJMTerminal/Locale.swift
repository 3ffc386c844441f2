import Glibc

/// The user's locale for the C library and ncurses, falling back to C.UTF-8 when it is not
/// installed or is not UTF-8 (`LANG=ru_RU.UTF-8` on a machine without that locale would
/// otherwise leave every non-ASCII character blank): maps are UTF-8 whatever the locale.
/// Returns the locale it replaced (`C`, `ru_RU.KOI8-R`…), so the editor can say so once;
/// nil when the user's locale was UTF-8 already.
@discardableResult
public func useUTF8Locale() -> String? {
    let asked = setlocale(LC_ALL, "")
    if asked != nil, String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8" { return nil }
    let name = asked.map { String(cString: $0) } ?? ""
    setlocale(LC_ALL, "C.UTF-8")
    // A UTF-8 locale that is not installed (ru_RU.UTF-8 on a bare machine) loses nothing.
    if asked == nil { return nil }
    return name
}
