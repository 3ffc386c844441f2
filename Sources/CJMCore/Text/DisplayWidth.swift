/// Display widths of text in terminal columns, and the glyphs a terminal cell holds.
///
/// The width table is generated from glibc's `wcwidth`, so the pure layout and ncurses
/// agree on every column. Text is drawn glyph by glyph: one spacing scalar (width 1 or 2)
/// plus the combining marks that follow it. Joiners and variation selectors are dropped,
/// because terminals disagree on how wide the sequences they build are.
public enum DisplayWidth {
    /// The raw width of one scalar: -1 (not printable), 0, 1 or 2, as `wcwidth` says.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }  // ASCII fast path
        var lo = 0
        var hi = widthRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = widthRanges[mid]
            if v < r.0 {
                hi = mid - 1
            } else if v > r.1 {
                lo = mid + 1
            } else {
                return Int(r.2)
            }
        }
        return 1
    }

    /// The columns of a text of plain letters and punctuation only (`Glyph.isNarrowText`: a
    /// column each), counted without splitting it into glyphs; nil for any other text.
    public static func plainColumns<S: StringProtocol>(_ text: S) -> Int? {
        var columns = 0
        for scalar in text.unicodeScalars {
            guard Glyph.isNarrowText(scalar.value) else { return nil }
            columns += 1
        }
        return columns
    }

    /// The number of terminal columns `text` takes when drawn on one line.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        if let plain = plainColumns(text) { return plain }
        var total = 0
        Glyph.forEach(in: text) { total += $0.width }
        return total
    }
}

/// What one terminal cell shows: a spacing scalar and its combining marks, 1 or 2 columns wide.
public struct Glyph: Equatable, Hashable, Sendable {
    public var text: String
    public var width: Int

    public init(_ text: String, width: Int) {
        self.text = text
        self.width = width
    }

    public static let space = Glyph(" ", width: 1)

    /// The visible stand-in for a character that must never reach the terminal raw
    /// (controls, escape sequences, non-printables): a map from someone else must not
    /// be able to drive the terminal.
    public static func placeholder(for scalar: Unicode.Scalar) -> Glyph {
        let v = scalar.value
        if v < 0x20 { return Glyph(String(Unicode.Scalar(0x2400 + v)!), width: 1) }  // ␀…␟, ␛ for ESC
        if v == 0x7F { return Glyph("\u{2421}", width: 1) }  // ␡
        return Glyph("\u{FFFD}", width: 1)  // �
    }

    /// Splits `text` into glyphs, replacing anything unsafe by a visible placeholder.
    public static func forEach<S: StringProtocol>(in text: S, _ body: (Glyph) -> Void) {
        var pending: Glyph?
        var marks = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            // Printable ASCII, the Latin and Cyrillic letters and signs and the common punctuation,
            // one column wide and no format character, need no Unicode property look-up.
            if Glyph.isNarrowText(v) {
                if let p = pending { body(p) }
                // Made once for the letters and the grid's rules: a String per glyph per frame
                // was a tenth of a frame's work.
                if v < 0x530 {
                    pending = Glyph(Glyph.plain[Int(v)], width: 1)
                } else if Glyph.isBox(v) {
                    pending = Glyph(Glyph.boxes[Int(v - 0x2500)], width: 1)
                } else {
                    pending = Glyph(String(scalar), width: 1)
                }
                marks = 0
                continue
            }
            // Joiners, variation selectors and other format characters (bidi overrides) are dropped.
            if v == 0x200D || v == 0xFE0E || v == 0xFE0F || scalar.properties.generalCategory == .format {
                continue
            }
            let w = DisplayWidth.of(scalar)
            if w < 0 {
                if let p = pending { body(p) }
                pending = placeholder(for: scalar)
                marks = 0
            } else if w == 0 {
                if var p = pending, marks < 4 {
                    p.text.unicodeScalars.append(scalar)
                    pending = p
                    marks += 1
                } else {
                    if let p = pending { body(p) }
                    // A mark with nothing to sit on gets a dotted circle, as typographers do.
                    var g = Glyph("\u{25CC}", width: 1)
                    g.text.unicodeScalars.append(scalar)
                    pending = g
                    marks = 1
                }
            } else {
                if let p = pending { body(p) }
                pending = Glyph(String(scalar), width: w)
                marks = 0
            }
        }
        if let p = pending { body(p) }
    }

    /// Every scalar below U+0530 and the box-drawing block as strings of their own.
    static let plain: [String] = (0..<0x530).map { String(Unicode.Scalar(UInt32($0))!) }
    static let boxes: [String] = (0x2500..<0x2580).map { String(Unicode.Scalar(UInt32($0))!) }

    /// The box-drawing block: the grid's rules and corners, each one column.
    @inline(__always)
    public static func isBox(_ v: UInt32) -> Bool { v >= 0x2500 && v < 0x2580 }

    /// Printable ASCII or `isPlainNarrow`: a glyph of its own, one column wide, found without
    /// a Unicode property look-up (the fast paths of splitting, measuring and drawing).
    @inline(__always)
    public static func isPlain(_ v: UInt32) -> Bool { (v >= 0x20 && v < 0x7F) || isPlainNarrow(v) }

    /// Latin (U+00A0…U+02FF, less the soft hyphen, a format character) and Cyrillic
    /// (U+0400…U+052F, less its combining marks U+0483…U+0489): every one is assigned and one
    /// column wide. Greek is left out: it has unassigned code points.
    @inline(__always)
    public static func isPlainNarrow(_ v: UInt32) -> Bool {
        (v >= 0xA0 && v <= 0x2FF && v != 0xAD) || (v >= 0x400 && v <= 0x52F && !(v >= 0x483 && v <= 0x489))
    }

    /// `isPlain`, or the punctuation Russian and English text is set with: dashes, quotes,
    /// the bullet and the ellipsis (U+2010…U+2027, which `fit` puts at every cut), the narrow
    /// no-break space of Russian thousands (U+202F), № and ₽; and the signs cjm draws with:
    /// arrows, mathematical operators (the minus), box drawing and block elements (the grid's
    /// rules) and geometric shapes (the curve's points, the scores' marks) but the two wide
    /// squares U+25FD and U+25FE. One column each, no mark, no format character: layout
    /// measures, splits and draws them without a property look-up. (Not what keeps a metric's
    /// unit apart: `isPlain` alone says that, as the format did.)
    @inline(__always)
    public static func isNarrowText(_ v: UInt32) -> Bool {
        if v < 0x2010 { return isPlain(v) }
        return v <= 0x2027 || v == 0x202F || v == 0x2116 || v == 0x20BD || (v >= 0x2190 && v <= 0x22FF)
            || (v >= 0x2500 && v <= 0x25FF && v != 0x25FD && v != 0x25FE)
    }

    public static func split<S: StringProtocol>(_ text: S) -> [Glyph] {
        var out: [Glyph] = []
        forEach(in: text) { out.append($0) }
        return out
    }
}
