'use strict';
// Runs newman's own command line (bin/newman.js of the installed newman) in this one
// process, once per line of JSON read on stdin: {"args": [...], "cwd": "..."}. While a
// case runs, everything newman writes goes out at once as lines of JSON on the real
// stdout ({"out": text} or {"err": text}); the case ends with {"exitCode": n}.
//
// Starting node and loading newman costs about a second; running every case of the
// corpus through one process keeps the comparison fast. What makes it equivalent to
// `newman run ARGS` in CWD: the command line is parsed by a freshly loaded
// bin/newman.js (its option lists are module state), the working directory is changed,
// everything newman writes to stdout/stderr is passed on as it is written,
// `process.exit` ends only the case, and the exit code is the `process.exitCode` the
// CLI sets when the run ends. An uncaught exception or unhandled rejection is left to
// crash this process, as it crashes a newman process: node prints it to stderr and
// exits with 1, and the harness starts a new driver for the next case.
// Each run of newman makes its own cookie jar, sandbox and request agent state.

const path = require('path');
const readline = require('readline');

const newmanDir = process.argv[2];
const root = path.join(newmanDir, 'node_modules', 'newman');
const binPath = path.join(root, 'bin', 'newman.js');

// node's own warnings (deprecations, listener counts) are not newman behaviour: the
// driver runs with --no-warnings, as process mode runs newman.

const write = process.stdout.write.bind(process.stdout);
let capturing = false;

function reply (message) {
    write(JSON.stringify(message) + '\n');
}

function capture (stream, key) {
    stream.write = function (chunk, encoding, cb) {
        capturing && reply({ [key]: Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk) });
        const done = typeof encoding === 'function' ? encoding : cb;
        done && process.nextTick(done);
        return true;
    };
}
capture(process.stdout, 'out');
capture(process.stderr, 'err');

class Exit extends Error {
    constructor (code) {
        super('process.exit(' + code + ')');
        this.exitCode = code;
    }
}
process.exit = function (code) {
    throw new Exit(code === undefined ? (process.exitCode || 0) : code);
};

const newman = require(root);
const originalRun = newman.run;
let finished = null;
newman.run = function (options, callback) {
    return originalRun.call(this, options, function (err, summary) {
        try {
            callback(err, summary);
        }
        finally {
            // let anything the CLI's callback scheduled print first
            setImmediate(() => finished && finished(null));
        }
    });
};

const queue = [];
let busy = false;

function next () {
    if (busy || !queue.length) { return; }
    busy = true;
    runCase(queue.shift());
}

function runCase (request) {
    delete require.cache[require.resolve(binPath)];
    process.chdir(request.cwd);
    process.exitCode = undefined;
    capturing = true;
    let done = false;
    finished = function (code) {
        if (done) { return; }
        done = true;
        capturing = false;
        finished = null;
        reply({ exitCode: code === null ? (process.exitCode || 0) : code });
        process.exitCode = undefined;
        busy = false;
        setImmediate(next);
    };
    try {
        const cli = require(binPath);
        cli(['node', 'newman'].concat(request.args), function (err) {
            if (!err) { return; } // the run is under way; `newman.run`'s callback ends the case
            if (err instanceof Exit) { return finished(err.exitCode); }
            // what bin/newman.js does when it is the main module
            process.stderr.write(`error: ${err.message || err}\n\n`);
            finished(1);
        });
    }
    catch (err) {
        if (err instanceof Exit) { return finished(err.exitCode); }
        throw err;
    }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (!line.trim()) { return; }
    queue.push(JSON.parse(line));
    next();
}).on('close', () => {
    // stdin closed: exit once the last case is answered
    const wait = setInterval(() => {
        if (!busy && !queue.length) { clearInterval(wait); process.reallyExit(0); }
    }, 10);
});
