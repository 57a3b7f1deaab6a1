// swift-tools-version: 6.0
// PureJWT: Box JWT auth in pure Swift. No package dependencies, no C, no unsafe compiler flags.
//
// One module per layer, each importing only the layers below it (README, "Layers"):
//   PureCrypto -> PureKeys -> PureJWT (+ PureJWTCodable) -> BoxJWT -> BoxAuth -> executables.
// PureCrypto, PureKeys, PureJWT and BoxJWT use no Foundation, no existentials and typed throws:
// the package in Embedded/ builds them as Embedded Swift from the same sources.
import PackageDescription

let package = Package(
    name: "PureJWT",
    // The floor BoxAuth needs: Duration, ContinuousClock and Task.sleep(for:) (macOS 13 / iOS 16).
    // Nothing newer is used: PortabilityTests scans the sources for it (Docs/PORTABILITY.md).
    platforms: [.macOS(.v13), .iOS(.v16)],
    products: [
        // Layer 1: crypto primitives (bignum, hashes, HMAC, KDFs, RSA, base64, random).
        .library(name: "PureCrypto", targets: ["PureCrypto"]),
        // Layer 2: key formats (DER, PEM, PKCS#1/#8, SPKI, encrypted keys, JWK) and strict JSON.
        .library(name: "PureKeys", targets: ["PureKeys"]),
        // Layer 3: JWS/JWT; PureJWTCodable adds Codable claims (Foundation-free, not Embedded).
        .library(name: "PureJWT", targets: ["PureJWT", "PureJWTCodable"]),
        // Layer 4: Box auth. BoxJWT is the Embedded-clean part (config, assertion, protocol
        // constants); BoxAuth adds the token client on URLSession, its cache and retries.
        .library(name: "BoxJWT", targets: ["BoxJWT"]),
        .library(name: "BoxAuth", targets: ["BoxAuth"]),
        // Layer 5: the command-line tool and the benchmark. `purejwt` starts `purejwt-box` for its
        // `box` verbs (Foundation, URLSession), so the other verbs start without Foundation.
        .executable(name: "purejwt", targets: ["purejwt"]),
        .executable(name: "purejwt-box", targets: ["purejwt-box"]),
        .executable(name: "purejwt-bench", targets: ["purejwt-bench"]),
        // libFuzzer targets for every parser of untrusted bytes (Fuzz/main.swift; Fuzz/run.sh).
        .executable(name: "purejwt-fuzz", targets: ["purejwt-fuzz"]),
        // Constant-time check under valgrind memcheck (ConstantTime/main.swift).
        .executable(name: "ct-check", targets: ["ct-check"]),
    ],
    targets: [
        // Libraries, bottom layer first.
        .target(name: "PureCrypto"),
        .target(name: "PureKeys", dependencies: ["PureCrypto"]),
        .target(name: "PureJWT", dependencies: ["PureCrypto", "PureKeys"]),
        .target(name: "PureJWTCodable", dependencies: ["PureKeys", "PureJWT"]),
        .target(name: "BoxJWT", dependencies: ["PureCrypto", "PureKeys", "PureJWT"]),
        .target(name: "BoxAuth", dependencies: ["PureCrypto", "PureKeys", "PureJWT", "BoxJWT"]),
        // A local Box server over loopback HTTP/1.1, for tests, demos and the benchmark.
        .target(name: "BoxEmulator", dependencies: ["PureCrypto", "PureKeys", "PureJWT", "BoxJWT", "BoxAuth"]),

        // Executables. PureJWTCLI is the command line without Foundation: parsing, help, errors,
        // every verb but the work of the `box` verbs, which is in purejwt-box.
        .target(name: "PureJWTCLI", dependencies: ["PureCrypto", "PureKeys", "PureJWT", "BoxJWT"]),
        .executableTarget(name: "purejwt", dependencies: ["PureJWTCLI"]),
        .executableTarget(name: "purejwt-box", dependencies: ["PureJWTCLI", "PureCrypto", "PureKeys", "PureJWT", "BoxJWT", "BoxAuth", "BoxEmulator"]),
        .executableTarget(
            name: "purejwt-bench",
            dependencies: ["PureCrypto", "PureKeys", "PureJWT", "BoxJWT", "BoxAuth", "BoxEmulator", "TestSupport"],
            path: "Benchmarks/PureJWTBench"
        ),
        // Fuzz targets; sanitizer flags are given on the command line only (Fuzz/run.sh).
        .executableTarget(
            name: "purejwt-fuzz",
            dependencies: ["PureCrypto", "PureKeys", "PureJWT", "BoxJWT", "BoxAuth", "BoxEmulator", "TestSupport"],
            path: "Fuzz",
            exclude: ["run.sh", "seed-corpora.py", "lsan.supp"]
        ),
        .executableTarget(name: "ct-check", dependencies: ["PureCrypto", "PureKeys", "TestSupport"], path: "ConstantTime"),

        // Tests. TestSupport is what they share: the Vectors/ root, one hex codec, one process runner.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Test tooling, not a product: one process of a fleet sharing a token store (TokenStoreFleetTests).
        .executableTarget(name: "boxauth-fleet-worker", dependencies: ["BoxAuth", "PureCrypto"], path: "Tests/FleetWorker"),
        .testTarget(name: "PureCryptoTests", dependencies: ["PureCrypto", "PureKeys", "TestSupport"]),
        .testTarget(name: "PureKeysTests", dependencies: ["PureCrypto", "PureKeys", "TestSupport"]),
        .testTarget(name: "PureJWTTests", dependencies: ["PureKeys", "PureJWT", "PureJWTCodable", "TestSupport"]),
        .testTarget(name: "BoxJWTTests", dependencies: ["BoxJWT", "TestSupport"]),
        .testTarget(name: "BoxAuthTests", dependencies: ["BoxAuth", "BoxEmulator", "TestSupport", "boxauth-fleet-worker", "purejwt", "purejwt-box"]),
        .testTarget(name: "BoxEmulatorTests", dependencies: ["BoxEmulator", "TestSupport"]),
        // Runs the built `purejwt` binary: exit codes, error format, help, openssl agreement.
        .testTarget(name: "PureJWTCLITests", dependencies: ["purejwt", "purejwt-box", "BoxEmulator", "PureJWT", "PureKeys", "PureCrypto", "TestSupport"]),
        // Secret hygiene (no secret in any output) and resource limits, across every layer and the CLI.
        .testTarget(name: "SecurityTests", dependencies: ["PureCrypto", "PureKeys", "PureJWT", "BoxAuth", "purejwt", "purejwt-box", "TestSupport"]),
        // What holds the repository together: API/<Module>.txt against the built modules,
        // Docs/ERRORS.md against the error codes in the code and Vectors/ERROR_CLASSES.json, and
        // the sources against Glibc-only spellings and APIs above `platforms:` (PortabilityTests).
        .testTarget(name: "RepositoryTests", dependencies: ["PureCrypto", "PureKeys", "PureJWT", "PureJWTCodable", "BoxJWT", "BoxAuth", "TestSupport"]),
        // The Embedded Swift programs as built for wasm32 and the Cortex-M4, run under WasmKit and
        // QEMU (.ci/run builds them with Embedded/build.sh and names them in the environment).
        .testTarget(name: "EmbeddedTests", dependencies: ["PureCrypto", "PureKeys", "PureJWT", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
