'use strict';
// `npm start`: runs services/all-in-one from source (SWC on the fly; no build step).
require('./register');
require('../services/all-in-one/src/main.ts');
