#!/usr/bin/env node
// Runs before npm test and npm run bench: says plainly what is missing, before a stack trace from
// deep inside a child process can.
import { exitOnProblems, prerequisiteProblems } from './prerequisites.mjs';

exitOnProblems(prerequisiteProblems());
