// swift-tools-version: 6.0
// PureJWT: Box JWT auth in pure Swift. No package dependencies, no C, no unsafe compiler flags.
import PackageDescription

let package = Package(
    name: "PureJWT",
    products: [
        // Layers 1 and 2: crypto core and keys. No Foundation; also built as Embedded Swift.
        .library(name: "PureCrypto", targets: ["PureCrypto"]),
        // Layer 3: JWS/JWT (no Foundation).
        .library(name: "PureJWT", targets: ["PureJWT"]),
        // Layer 4: Box token client (Foundation, URLSession).
        .library(name: "BoxAuth", targets: ["BoxAuth"]),
        .executable(name: "purejwt", targets: ["purejwt"]),
        .executable(name: "purejwt-bench", targets: ["purejwt-bench"]),
        // libFuzzer targets for every parser of untrusted bytes (Fuzz/main.swift; Fuzz/run.sh).
        .executable(name: "purejwt-fuzz", targets: ["purejwt-fuzz"]),
        // Constant-time check under valgrind memcheck (ConstantTime/main.swift).
        .executable(name: "ct-check", targets: ["ct-check"]),
    ],
    targets: [
        // Its Embedded Swift build is the separate package in Embedded/ (same sources through a
        // symlink), built by .ci/run with `swift build -c release --package-path Embedded`.
        .target(name: "PureCrypto"),
        // Layer 3: JWS/JWT. No Foundation.
        .target(name: "PureJWT", dependencies: ["PureCrypto"]),
        .testTarget(name: "PureJWTTests", dependencies: ["PureJWT"]),
        .executableTarget(name: "purejwt", dependencies: ["PureCrypto", "PureJWT", "BoxAuth", "BoxEmulator"]),
        .executableTarget(
            name: "purejwt-bench",
            dependencies: ["PureCrypto", "PureJWT", "BoxAuth", "BoxEmulator"],
            path: "Benchmarks/PureJWTBench"
        ),
        // Runs the built `purejwt` binary: exit codes, error format, help, openssl agreement.
        .testTarget(name: "PureJWTCLITests", dependencies: ["purejwt", "BoxEmulator", "PureJWT", "PureCrypto"]),
        // Layer 4 test double: a local Box server over loopback HTTP/1.1.
        .target(name: "BoxEmulator", dependencies: ["PureCrypto", "PureJWT", "BoxAuth"]),
        .testTarget(name: "BoxEmulatorTests", dependencies: ["BoxEmulator"]),
        // Layer 4: Box token client on URLSession.
        .target(name: "BoxAuth", dependencies: ["PureCrypto", "PureJWT"]),
        .testTarget(name: "BoxAuthTests", dependencies: ["BoxAuth", "BoxEmulator"]),
        // Fuzz targets; sanitizer flags are given on the command line only (Fuzz/run.sh).
        .executableTarget(
            name: "purejwt-fuzz",
            dependencies: ["PureCrypto", "PureJWT", "BoxAuth", "BoxEmulator"],
            path: "Fuzz",
            exclude: ["run.sh", "seed-corpora.py", "lsan.supp"]
        ),
        // Secret hygiene (no secret in any output) and resource limits, across every layer and the CLI.
        .testTarget(name: "SecurityTests", dependencies: ["PureCrypto", "PureJWT", "BoxAuth", "purejwt"]),
        .executableTarget(name: "ct-check", dependencies: ["PureCrypto"], path: "ConstantTime"),
        .testTarget(
            name: "PureCryptoTests",
            dependencies: ["PureCrypto"],
            exclude: []
        ),
    ],
    swiftLanguageModes: [.v6]
)
