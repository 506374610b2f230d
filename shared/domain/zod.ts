// Every schema of ours is built with zod/mini, through this module. The full zod API adds about
// 70 KB to every bundle and builds a method object for every schema at import (each function's
// cold start); zod/mini's functions build only what a schema uses. zod/mini has no messages of its
// own: it gets zod's English ones here, so a refused field reads as it did with the full API.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
