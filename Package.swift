// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "LakeSQL",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lakesql", targets: ["lakesql"]),
        .library(name: "Engine", targets: ["Engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "Diagnostics"),
        .target(name: "SQLSyntax", dependencies: ["Diagnostics"]),
        .target(name: "Columnar", dependencies: ["Diagnostics"]),
        .target(name: "Planner", dependencies: ["SQLSyntax", "Columnar", "Diagnostics"]),
        .target(name: "Execution", dependencies: ["Planner", "Columnar", "Diagnostics"]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Formats", dependencies: ["Columnar", "Diagnostics", "CZlib"]),
        .target(name: "Engine", dependencies: ["SQLSyntax", "Columnar", "Planner", "Execution", "Formats", "Diagnostics"]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .executableTarget(
            name: "lakesql",
            dependencies: [
                "Engine", "Diagnostics", "Columnar", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "SQLSyntaxTests", dependencies: ["SQLSyntax"]),
        .testTarget(name: "ColumnarTests", dependencies: ["Columnar"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "SQLSyntax", "Columnar"]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution", "Planner", "Columnar"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "Columnar"], exclude: ["Fixtures", "interop"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "SQLSyntax", "Columnar"], exclude: ["slt"]),
        .testTarget(name: "CLITests", dependencies: ["lakesql"]),
    ],
    swiftLanguageModes: [.v6]
)
