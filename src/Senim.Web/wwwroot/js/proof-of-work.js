// The citizens' form's proof of work (ADR 0025): before sending, find a stamp such that SHA-256("<form token>:<stamp>")
// starts with the number of zero bits the server asked for (data-difficulty), and wait until the form may be sent
// (data-not-before). Without this script the form still works, within the plain allowance the server keeps.
(function () {
    "use strict";
    var form = document.getElementById("citizen-form");
    if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
        return;
    }

    var bits = parseInt(form.getAttribute("data-difficulty") || "0", 10);
    var notBefore = parseInt(form.getAttribute("data-not-before") || "0", 10);
    var status = document.getElementById("proof-status");
    var sending = false;

    function zeroBits(bytes, wanted) {
        for (var i = 0; i < wanted; i++) {
            if (bytes[i >> 3] & (0x80 >> (i & 7))) {
                return false;
            }
        }
        return true;
    }

    async function solve(token) {
        var encoder = new TextEncoder();
        for (var n = 0; ; n++) {
            var digest = await window.crypto.subtle.digest("SHA-256", encoder.encode(token + ":" + n));
            if (zeroBits(new Uint8Array(digest), bits)) {
                return String(n);
            }
        }
    }

    form.addEventListener("submit", function (event) {
        var proof = form.querySelector("input[name='proof']");
        var token = form.querySelector("input[name='form_token']");
        if (sending || !proof || !token || bits <= 0) {
            return;
        }

        event.preventDefault();
        sending = true;
        if (status) {
            status.textContent = status.getAttribute("data-working") || "";
        }

        solve(token.value).then(function (stamp) {
            proof.value = stamp;
            var wait = Math.max(0, notBefore - Date.now());
            window.setTimeout(function () { form.submit(); }, wait);
        }, function () {
            // The browser could not hash: send without the stamp (the server's plain allowance applies).
            form.submit();
        });
    });
})();
