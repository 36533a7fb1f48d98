// Preloaded with `node --require` into the language server or the CLI under test (trust.test.mjs): every
// way a Node program opens a network connection, resolves a host name or starts another program is
// replaced by a trap that records the call in $GOVREPORT_TRAP_LOG and throws. The test then exercises
// the program and expects the log to be empty. Stdio itself is untouched: process.stdin/stdout are
// sockets over inherited file descriptors, never connect()ed.
'use strict';
const fs = require('node:fs');

const logFile = process.env.GOVREPORT_TRAP_LOG;
// Proof for the test that the hook ran in this process at all.
if (logFile) fs.appendFileSync(`${logFile}.loaded`, `${process.pid}\n`);

function trap(owner, name, label) {
  if (!owner || typeof owner[name] !== 'function') return;
  owner[name] = function trapped() {
    const line = `${label} ${JSON.stringify([...arguments].filter((a) => typeof a !== 'function')).slice(0, 200)}\n${new Error().stack}\n`;
    if (logFile) fs.appendFileSync(logFile, line);
    throw new Error(`govreport trust test: ${label} is not allowed`);
  };
}

const net = require('node:net');
trap(net, 'connect', 'net.connect');
trap(net, 'createConnection', 'net.createConnection');
trap(net.Socket.prototype, 'connect', 'net.Socket#connect');
trap(net.Server.prototype, 'listen', 'net.Server#listen');
trap(require('node:tls'), 'connect', 'tls.connect');
for (const name of ['node:http', 'node:https']) {
  const module = require(name);
  trap(module, 'request', `${name}.request`);
  trap(module, 'get', `${name}.get`);
  trap(module, 'createServer', `${name}.createServer`);
}
trap(require('node:http2'), 'connect', 'http2.connect');
trap(require('node:dgram'), 'createSocket', 'dgram.createSocket');
const dns = require('node:dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) trap(dns, name, `dns.${name}`);
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) trap(dns.promises, name, `dns.promises.${name}`);
const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) trap(childProcess, name, `child_process.${name}`);
trap(globalThis, 'fetch', 'fetch');
if (typeof globalThis.WebSocket === 'function') trap(globalThis, 'WebSocket', 'WebSocket');
