// swift-tools-version:6.0
import PackageDescription

/// Release builds link the Swift runtime and libraries into the binary (a process starts
/// in about two thirds of the time: no shared libraries to load and bind), with lld. Every
/// module is compiled for that too, so the static libraries' own dependencies are linked.
let staticStdlib: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
/// Hot loops index class-owned arrays; release builds skip the dynamic exclusivity checks
/// on them (the compile-time checks stay). Debug builds keep every check.
let fastLoops: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked", "-static-stdlib"], .when(configuration: .release))]

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
        .target(name: "Diagnostics", swiftSettings: staticStdlib),
        .target(name: "SQLSyntax", dependencies: ["Diagnostics"], swiftSettings: staticStdlib),
        .target(name: "Columnar", dependencies: ["Diagnostics"], swiftSettings: fastLoops),
        .target(name: "Planner", dependencies: ["SQLSyntax", "Columnar", "Diagnostics"], swiftSettings: fastLoops),
        .target(name: "Execution", dependencies: ["Planner", "Columnar", "Diagnostics"], swiftSettings: fastLoops),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CFileSync"),
        .target(name: "Formats", dependencies: ["Columnar", "Diagnostics", "CZlib", "CFileSync"], swiftSettings: fastLoops),
        .target(name: "Lake", dependencies: ["SQLSyntax", "Columnar", "Planner", "Execution", "Formats", "Diagnostics", "CFileSync"], swiftSettings: staticStdlib),
        .target(name: "Engine", dependencies: ["SQLSyntax", "Columnar", "Planner", "Execution", "Formats", "Lake", "Diagnostics"], swiftSettings: staticStdlib),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .executableTarget(
            name: "lakesql",
            dependencies: [
                "Engine", "Diagnostics", "Columnar", "Formats", "Planner", "SQLSyntax", "Execution", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: staticStdlib,
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(configuration: .release))]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "SQLSyntaxTests", dependencies: ["SQLSyntax"]),
        .testTarget(name: "ColumnarTests", dependencies: ["Columnar"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "SQLSyntax", "Columnar"]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution", "Planner", "Columnar"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "Columnar"], exclude: ["Fixtures", "interop"]),
        .testTarget(name: "LakeTests", dependencies: ["Lake", "Columnar", "Planner"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "SQLSyntax", "Columnar"], exclude: ["slt", "lake-fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["lakesql"], exclude: ["pty"]),
    ],
    swiftLanguageModes: [.v6]
)
