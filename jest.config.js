/** Jest runs the TypeScript sources through swc; ESM-only packages are transformed too (see docs/PADES-NOTES). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|pkijs|asn1js|pvtsutils|pvutils|bytestreamjs|oidc-provider|openid-client|oauth4webapi|@panva|quick-lru|nanoid|eta|@koa|koa)/)',
  ],
  testTimeout: 60000,
  maxWorkers: 2,
};
