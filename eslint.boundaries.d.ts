import type { Linter } from 'eslint';

/** The folders' import boundaries (eslint.boundaries.js). */
export declare const boundaries: Linter.Config[];
