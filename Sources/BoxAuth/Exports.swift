// BoxAuth is the whole Box client: `import BoxAuth` also brings the Embedded-clean Box layer
// (config, subject, assertion, errors, protocol constants) and the layers below it.

@_exported import BoxJWT
