// setTimeout, setInterval and the rest, which the Rust event loop drives
// (P.timerNext, P.timerFire).
//
// A piece of the sandbox prelude: src/script/modules.rs joins the pieces, in
// its order, into one function of `P`, so they share one scope.

var timers = new Map();
var timerSeq = 0;
var sealed = false;

function addTimer(fn, delay, args, repeat) {
  if (sealed || typeof fn !== 'function') return undefined;
  delay = Number(delay);
  if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
  var id = ++timerSeq;
  timers.set(id, { fn: fn, args: args, due: host.now() + delay, interval: repeat ? delay : 0 });
  return id;
}
function clearTimer(id) {
  if (id && typeof id === 'object' && typeof id.valueOf === 'function') id = id.valueOf();
  timers.delete(id);
}
var timerApi = {
  setTimeout: function setTimeout(fn, delay) {
    return addTimer(fn, delay, Array.prototype.slice.call(arguments, 2), false);
  },
  setInterval: function setInterval(fn, delay) {
    return addTimer(fn, delay, Array.prototype.slice.call(arguments, 2), true);
  },
  setImmediate: function setImmediate(fn) {
    var id = addTimer(fn, 0, Array.prototype.slice.call(arguments, 1), false);
    if (id !== undefined) timers.get(id).due = host.now();
    return id;
  },
  clearTimeout: function clearTimeout(id) { clearTimer(id); },
  clearInterval: function clearInterval(id) { clearTimer(id); },
  clearImmediate: function clearImmediate(id) { clearTimer(id); }
};

P.timerNext = function () {
  if (sealed || timers.size === 0) return -1;
  var min = Infinity;
  timers.forEach(function (t) {
    if (t.due < min) min = t.due;
  });
  return Math.max(0, min - host.now());
};
P.timerFire = function () {
  var now = host.now();
  var pick = null;
  var pickId = 0;
  timers.forEach(function (t, id) {
    if (t.due <= now && (pick === null || t.due < pick.due)) {
      pick = t;
      pickId = id;
    }
  });
  if (!pick) return;
  if (pick.interval) pick.due = now + pick.interval;
  else timers.delete(pickId);
  try {
    pick.fn.apply(G, pick.args);
  } catch (e) {
    host.scriptError(e);
  }
};
