// Work the script asks of the runner (pm.sendRequest, the cookie jar): queued
// through P.host.op and answered through P.complete.
//
// A piece of the sandbox prelude: src/script/modules.rs joins the pieces, in
// its order, into one function of `P`, so they share one scope.

var opCallbacks = new Map();
function hostOp(kind, payload, callback) {
  var id = host.op(kind, JSON.stringify(payload));
  opCallbacks.set(id, callback);
  return id;
}
// The host's `{message, code, …}` as an Error carrying Node's fields.
function hostError(text) {
  var fields = JSON.parse(text);
  var e = new Error(fields.message);
  Object.keys(fields).forEach(function (k) {
    if (k !== 'message') e[k] = fields[k];
  });
  return e;
}
P.complete = function (id, err, result, body) {
  var cb = opCallbacks.get(id);
  opCallbacks.delete(id);
  if (typeof cb !== 'function') return;
  var value = result === undefined || result === null ? null : JSON.parse(result);
  if (value && body !== undefined) value.body = body;
  try {
    cb(err === undefined || err === null ? null : hostError(err), value);
  } catch (e) {
    host.scriptError(e);
  }
};
