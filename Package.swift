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
        // The pure core: document, operations, history, persistence, templates. No terminal.
        .target(name: "CJMCore"),
        // Layout into an in-memory screen, themes and the editor's key handling. No ncurses.
        .target(name: "CJMView", dependencies: ["CJMCore"]),
        // Markdown, CSV, HTML and SVG exports and the CSV import. No terminal.
        .target(name: "CJMExport", dependencies: ["CJMCore", "CJMView"]),
        // ncursesw, wide-character API.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The thin terminal front: reads keys, copies the screen out.
        .target(name: "CJMTerminal", dependencies: ["CJMView", "CJMExport", "CNcursesw"]),
        .executableTarget(
            name: "cjm",
            dependencies: [
                "CJMCore", "CJMView", "CJMExport", "CJMTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "cjm-bench", dependencies: ["CJMCore", "CJMView", "CJMTerminal"], path: "Sources/Bench"),
        .testTarget(name: "CJMCoreTests", dependencies: ["CJMCore"]),
        .testTarget(name: "CJMViewTests", dependencies: ["CJMView"], exclude: ["__Snapshots__"]),
        .testTarget(name: "CJMExportTests", dependencies: ["CJMExport"]),
        .testTarget(name: "CJMEndToEndTests", dependencies: ["cjm"]),
    ],
    swiftLanguageModes: [.v6]
)
