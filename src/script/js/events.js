// Node's `events` module for collection scripts. Written for postie.
'use strict';

function EventEmitter() {
  this._events = Object.create(null);
  this._maxListeners = undefined;
}

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.defaultMaxListeners = 10;

function listenersOf(emitter, name) {
  if (!emitter._events) emitter._events = Object.create(null);
  return emitter._events[name] || (emitter._events[name] = []);
}

var EP = EventEmitter.prototype;
EP._events = undefined;
EP._maxListeners = undefined;
EP.setMaxListeners = function (n) {
  this._maxListeners = n;
  return this;
};
EP.getMaxListeners = function () {
  return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners;
};
EP.emit = function (name) {
  var list = this._events && this._events[name];
  var args = Array.prototype.slice.call(arguments, 1);
  if (!list || !list.length) {
    if (name === 'error') throw args[0] instanceof Error ? args[0] : new Error('Unhandled error. (' + args[0] + ')');
    return false;
  }
  list = list.slice();
  for (var i = 0; i < list.length; i++) list[i].apply(this, args);
  return true;
};
EP.addListener = function (name, fn) {
  if (typeof fn !== 'function') throw new TypeError('The "listener" argument must be of type Function');
  if (this._events && this._events.newListener) this.emit('newListener', name, fn.listener || fn);
  listenersOf(this, name).push(fn);
  return this;
};
EP.on = EP.addListener;
EP.prependListener = function (name, fn) {
  if (typeof fn !== 'function') throw new TypeError('The "listener" argument must be of type Function');
  listenersOf(this, name).unshift(fn);
  return this;
};
function onceWrapper(emitter, name, fn) {
  var fired = false;
  var wrapped = function () {
    if (fired) return undefined;
    fired = true;
    emitter.removeListener(name, wrapped);
    return fn.apply(this, arguments);
  };
  wrapped.listener = fn;
  return wrapped;
}
EP.once = function (name, fn) {
  return this.on(name, onceWrapper(this, name, fn));
};
EP.prependOnceListener = function (name, fn) {
  return this.prependListener(name, onceWrapper(this, name, fn));
};
EP.removeListener = function (name, fn) {
  var list = this._events && this._events[name];
  if (!list) return this;
  for (var i = list.length - 1; i >= 0; i--) {
    if (list[i] === fn || list[i].listener === fn) {
      list.splice(i, 1);
      if (this._events.removeListener) this.emit('removeListener', name, fn);
      break;
    }
  }
  if (!list.length) delete this._events[name];
  return this;
};
EP.removeAllListeners = function (name) {
  if (!this._events) return this;
  if (arguments.length === 0) this._events = Object.create(null);
  else delete this._events[name];
  return this;
};
EP.listeners = function (name) {
  var list = (this._events && this._events[name]) || [];
  return list.map(function (fn) { return fn.listener || fn; });
};
EP.rawListeners = function (name) {
  return ((this._events && this._events[name]) || []).slice();
};
EP.listenerCount = function (name) {
  var list = this._events && this._events[name];
  return list ? list.length : 0;
};
EP.eventNames = function () {
  return this._events ? Object.keys(this._events) : [];
};

EventEmitter.listenerCount = function (emitter, name) {
  return emitter.listenerCount(name);
};

module.exports = EventEmitter;
