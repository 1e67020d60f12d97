/** Real engines for the province tests and the benchmark (the demo uses them too). */
export * from '../../province/local-engines.js';
