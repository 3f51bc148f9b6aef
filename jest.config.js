/** Jest runs the TypeScript sources through swc; ESM-only packages are transformed too (see docs/PADES-NOTES). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // .mjs too: pdf.js (assembly/protocol-text.ts) ships ES modules only, its worker module beside it.
  transform: { '^.+\\.m?(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|pkijs|asn1js|pvtsutils|pvutils|bytestreamjs|oidc-provider|openid-client|oauth4webapi|@panva|quick-lru|nanoid|eta|@koa|koa|pdfjs-dist)/)',
  ],
  testTimeout: 60000,
  maxWorkers: 2,
};
