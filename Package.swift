// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "cjm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cjm", targets: ["cjm"]),
        .library(name: "CJMCore", targets: ["CJMCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // The pure core: document, operations, history, codecs, templates, analysis. No files,
        // clocks, threads or globals.
        .target(name: "CJMCore"),
        // Files, the history file, autosave: on a small file-system interface and an injected clock.
        .target(name: "CJMStorage", dependencies: ["CJMCore"]),
        // Roles, themes and the palette: below both the view and the exports.
        .target(name: "CJMStyle", dependencies: ["CJMCore", "CJMStorage"]),
        // Layout into an in-memory screen and the editor's key handling. No ncurses.
        .target(name: "CJMView", dependencies: ["CJMCore", "CJMStorage", "CJMStyle"]),
        // Markdown, CSV, HTML, SVG and Mermaid exports and the CSV and Mermaid imports. No terminal, no view.
        .target(name: "CJMExport", dependencies: ["CJMCore", "CJMStyle"]),
        // ncursesw, wide-character API.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The C library's mallopt, which Swift's Glibc module hides (a header, nothing to link).
        .systemLibrary(name: "CMalloc"),
        // The thin terminal front: reads keys, copies the screen out.
        .target(name: "CJMTerminal", dependencies: ["CJMView", "CJMExport", "CNcursesw"]),
        .executableTarget(
            name: "cjm",
            dependencies: [
                "CJMCore", "CJMStorage", "CJMView", "CJMExport", "CJMTerminal", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A release build is one static executable (ncursesw and its libtinfo too): no
            // loader, no shared libraries to map and bind: the first screen of a 0.2 MB map in
            // 4.2 ms instead of 6.2, of a 1.9 MB one in 6.5 instead of 8.6. Not position-
            // independent (the heap, stack and mappings are still randomised, the code is not):
            // a static PIE was 0.3 ms slower to start, and it crashes at its first instruction
            // when it has the $ORIGIN run path SwiftPM gives every executable. Foundation's two
            // helper libraries (which ArgumentParser brings) are named because only
            // --static-swift-stdlib would add them. Debug builds, the tests' and
            // AddressSanitizer's, link dynamically.
            linkerSettings: [
                .unsafeFlags(
                    ["-static-executable", "-ltinfo", "-l_FoundationCollections", "-l_FoundationCShims"],
                    .when(configuration: .release))
            ]
        ),
        .executableTarget(
            name: "cjm-bench", dependencies: ["CJMCore", "CJMStorage", "CJMView", "CJMTerminal"], path: "Sources/Bench"),
        // The fuzz target over the map reader, the history reader and the CSV import (see scripts/fuzz.sh).
        .executableTarget(name: "cjm-keycount", dependencies: ["CJMCore", "CJMView"], path: "Sources/KeyCount"),
        .executableTarget(name: "cjm-fuzz", dependencies: ["CJMCore", "CJMStorage", "CJMExport"], path: "Sources/Fuzz"),
        // Test doubles and scoped temporary folders, for the test targets only: no test hook ships.
        .target(name: "CJMTestSupport", dependencies: ["CJMCore", "CJMStorage"], path: "Tests/Support"),
        .testTarget(name: "CJMCoreTests", dependencies: ["CJMCore", "CJMStorage", "CJMTestSupport"]),
        .testTarget(name: "CJMViewTests", dependencies: ["CJMView", "CJMStorage", "CJMTestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "CJMExportTests", dependencies: ["CJMExport", "CJMStyle", "CJMTestSupport"]),
        .testTarget(name: "CJMTerminalTests", dependencies: ["CJMTerminal", "CJMView", "CJMCore"]),
        // The end-to-end tests drive the built cjm (swift test builds every product) and do not
        // link it: its release link flags would make the test bundle a static executable.
        .testTarget(name: "CJMEndToEndTests", dependencies: ["CJMCore", "CJMStorage", "CJMView", "CJMTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
