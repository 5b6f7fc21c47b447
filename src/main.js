// Apps Script entry points. Plain JavaScript on purpose: webpack keeps its
// comments (esbuild would drop them), and gas-webpack-plugin emits each JSDoc
// block below directly above a top-level `function NAME() {}` stub in
// dist/Code.js, which is what Sheets reads for custom-function help.
// Only `global.NAME = impl;` statements in this file become globals.
import { hello } from './functions/demo';

/**
 * Says hello.
 *
 * @param {string} name who
 * @return {string} greeting
 * @customfunction
 */
global.HELLO_DEMO = hello;
