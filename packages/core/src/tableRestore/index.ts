export * from './tableRestore.js';
export * from './temporaryTable.js';
export * from './awaitTableActive.js';
