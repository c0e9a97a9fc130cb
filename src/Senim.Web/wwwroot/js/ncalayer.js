// Signing a challenge with NCALayer (docs/organisations.md). The page works without this script: it only fills the
// form's "signature_text" field with NCALayer's Base64 signature and submits the form. It talks to NCALayer's local
// WebSocket with the module kz.gov.pki.knca.commonUtils: getActiveTokens (a key on a token if one is plugged in,
// else a key file, PKCS12), then createCAdESFromBase64(storage, "SIGNATURE", challenge, false): a detached CAdES.
(function () {
  "use strict";
  var box = document.getElementById("ncalayer");
  if (!box || typeof WebSocket === "undefined") {
    return;
  }

  var form = document.getElementById(box.getAttribute("data-form"));
  var field = form && form.querySelector("[name=signature_text]");
  var button = box.querySelector("button");
  var status = box.querySelector("[role=status]");
  if (!form || !field || !button || !status) {
    return;
  }

  box.hidden = false;

  function say(name, detail) {
    status.textContent = box.getAttribute("data-text-" + name) + (detail ? " (" + detail + ")" : "");
  }

  function sign() {
    button.disabled = true;
    say("connecting");
    var socket;
    try {
      socket = new WebSocket(box.getAttribute("data-address"));
    } catch (e) {
      say("unavailable");
      button.disabled = false;
      return;
    }

    var step = "hello";
    function send(method, args) {
      socket.send(JSON.stringify({ module: box.getAttribute("data-module"), method: method, args: args }));
    }

    socket.onerror = function () {
      if (step !== "done") {
        say("unavailable");
        button.disabled = false;
      }
    };
    socket.onmessage = function (message) {
      var answer;
      try {
        answer = JSON.parse(message.data);
      } catch (e) {
        say("failed");
        socket.close();
        button.disabled = false;
        return;
      }

      if (step === "hello") {
        step = "tokens";
        say("choose");
        send("getActiveTokens", []);
        return;
      }

      if (answer.code !== "200") {
        say(answer.code === "500" && /cancel/i.test(answer.message || "") ? "cancelled" : "failed", answer.message || answer.code);
        socket.close();
        button.disabled = false;
        return;
      }

      if (step === "tokens") {
        var tokens = answer.responseObject;
        var storage = tokens && tokens.length > 0 ? tokens[0] : "PKCS12";
        step = "sign";
        send("createCAdESFromBase64", [storage, "SIGNATURE", box.getAttribute("data-challenge"), false]);
        return;
      }

      step = "done";
      socket.close();
      field.value = answer.responseObject;
      say("sending");
      form.submit();
    };
  }

  button.addEventListener("click", sign);
})();
