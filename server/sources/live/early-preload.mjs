// `node --import ./server/sources/live/early-preload.mjs server.js` (scripts/start.sh, deploy/Containerfile): the
// first LISTs leave as the process starts, before Next and the server's code have loaded (~1 s on an idle machine,
// 3-5 s at load); early-lists.ts takes them when that code is in. Nothing else happens here.
import { preloadLists } from "./early-preload-lists.mjs";

preloadLists(process.env);
