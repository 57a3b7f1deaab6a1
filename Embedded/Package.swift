// swift-tools-version: 6.0
// The Embedded-clean modules compiled as Embedded Swift, over the very same sources: each library
// target here is a directory symlink to ../Sources/<Module>, with the root package's module name,
// so the sources' imports resolve unchanged. A Foundation import, an existential or untyped
// throws in any of them fails this build. It lives in its own package so the root's everyday
// builds compile the modules once.
//
//   swift build -c release --package-path Embedded
//
// The programs for wasm32 (WASI) and the Cortex-M4 are linked from these modules by
// `Embedded/build.sh wasm32|armv7em` (see Docs/PORTABILITY.md).
import PackageDescription

let embedded: [SwiftSetting] = [.enableExperimentalFeature("Embedded")]

let package = Package(
    name: "PureJWTEmbedded",
    products: [
        .library(name: "PureCrypto", targets: ["PureCrypto"]),
        .library(name: "PureKeys", targets: ["PureKeys"]),
        .library(name: "PureJWT", targets: ["PureJWT"]),
        .library(name: "BoxJWT", targets: ["BoxJWT"]),
    ],
    targets: [
        // The library layers, bottom first (README, "Layers").
        .target(name: "PureCrypto", swiftSettings: embedded),
        .target(name: "PureKeys", dependencies: ["PureCrypto"], swiftSettings: embedded),
        .target(name: "PureJWT", dependencies: ["PureCrypto", "PureKeys"], swiftSettings: embedded),
        .target(name: "BoxJWT", dependencies: ["PureCrypto", "PureKeys", "PureJWT"], swiftSettings: embedded),
        // What a bare program needs with no C library: memcpy and friends, a heap, start-up code,
        // and I/O, time and entropy through WASI (wasm32) or Arm semihosting (Cortex-M4).
        // Empty on other targets.
        .target(
            name: "EmbeddedRuntime",
            swiftSettings: embedded + [
                .enableExperimentalFeature("Extern"),
                .enableExperimentalFeature("SymbolLinkageMarkers"),
            ]
        ),
        // Cortex-M4 start-up: the vector table, the reset handler and the semihosting trap. Linked
        // into the image, imported by nothing (its `@used` globals would be emitted again in
        // every module that imported it).
        .target(
            name: "EmbeddedStartup",
            dependencies: ["EmbeddedRuntime"],
            swiftSettings: embedded + [
                .enableExperimentalFeature("Extern"),
                .enableExperimentalFeature("SymbolLinkageMarkers"),
            ]
        ),
        // `box-assertion`: one signed Box JWT assertion from config.json (Docs/PORTABILITY.md).
        .target(
            name: "BoxAssertionProgram",
            dependencies: ["EmbeddedRuntime", "PureCrypto", "PureKeys", "PureJWT", "BoxJWT"],
            swiftSettings: embedded
        ),
        // Known-answer runs of the core on the Embedded targets, for tests.
        .target(
            name: "EmbeddedCheck",
            dependencies: ["EmbeddedRuntime", "PureCrypto"],
            swiftSettings: embedded
        ),
    ],
    swiftLanguageModes: [.v6]
)
