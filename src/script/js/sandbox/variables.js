// The variable scopes (pm.variables, pm.environment, pm.globals, …) over the
// host's var natives.
//
// A piece of the sandbox prelude: src/script/modules.rs joins the pieces, in
// its order, into one function of `P`, so they share one scope.

function Scope(kind, writeKind) {
  Object.defineProperty(this, '_kind', { value: kind });
  Object.defineProperty(this, '_write', { value: writeKind || kind });
}
Scope.prototype.get = function (key) {
  return fromJson(host.varGet(this._kind, String(key)));
};
Scope.prototype.set = function (key, value) {
  if (key === undefined || key === null) return;
  host.varSet(this._write, String(key), toJson(value));
};
Scope.prototype.unset = function (key) {
  host.varUnset(this._write, String(key));
};
Scope.prototype.has = function (key) {
  return host.varHas(this._kind, String(key));
};
Scope.prototype.clear = function () {
  host.varClear(this._write);
};
Scope.prototype.toObject = function () {
  return JSON.parse(host.varObject(this._kind));
};
Scope.prototype.replaceIn = function (template) {
  if (typeof template !== 'string') return template;
  return host.replaceIn(this._kind, template);
};
Scope.prototype.syncVariablesTo = function (target) {
  var obj = this.toObject();
  if (!target || typeof target !== 'object') return obj;
  Object.keys(target).forEach(function (k) { if (!hasOwn.call(obj, k)) delete target[k]; });
  Object.assign(target, obj);
  return target;
};
Scope.prototype.syncVariablesFrom = function (obj) {
  var self = this;
  if (!obj || typeof obj !== 'object') return;
  Object.keys(obj).forEach(function (k) { self.set(k, obj[k]); });
};
Scope.prototype.toJSON = function () {
  var out = { values: JSON.parse(host.varList(this._write)) };
  var name = host.scopeName(this._write);
  if (name) out.name = name;
  return out;
};
Object.defineProperty(Scope.prototype, 'values', {
  get: function () {
    return sdk().VariableList(JSON.parse(host.varList(this._write)));
  }
});
