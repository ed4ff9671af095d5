/* Answer boxes for the auto-checked exercises (boxes and keys come from awsbook/book/practice.py).
   judge() applies the rules of awsbook/exercises/answers.py; keep the two in step
   (tests/test_exercises_crosscheck.py runs both on the same inputs). */
(function () {
  "use strict";
  var WHITESPACE = "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200b\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+";
  var NUMBER = "(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?(?:e[+-]?[0-9]+)?|\\.[0-9]+(?:e[+-]?[0-9]+)?";
  var WS = new RegExp(WHITESPACE, "g");
  var AMOUNT = new RegExp("^(?:([+-]?) ?(?:(" + NUMBER + ") ?조)? ?(?:(" + NUMBER + ") ?억)? ?(?:(" +
    NUMBER + ") ?만)? ?(" + NUMBER + ")?)$");
  var MULTIPLIERS = [1e12, 1e8, 1e4, 1];

  function trim(t) { return t.replace(/^ +| +$/g, ""); }
  function clean(t) {
    return trim(String(t).normalize("NFKC").toLowerCase().replace(/\u2212/g, "-").replace(WS, " "));
  }
  function normText(t) { return String(t).normalize("NFKC").toLowerCase().replace(WS, ""); }
  function q(t) { return "'" + t + "'"; }
  function close(a, b, rel, abs) {  // math.isclose
    if (a === b) return true;
    if (Math.abs(a) === Infinity || Math.abs(b) === Infinity) return false;
    var d = Math.abs(b - a);
    return d <= Math.abs(rel * b) || d <= Math.abs(rel * a) || d <= abs;
  }

  function parse(text, k) {
    var s = clean(text).replace(/^(?:약|대략|≈|~) ?/, ""), x = k.x || {};
    function has(w) { return Object.prototype.hasOwnProperty.call(x, w); }
    if (s && "$₩".indexOf(s[0]) >= 0) {
      if (!has(s[0])) return [null, "단위 " + q(s[0]) + "은(는) 이 문제에 쓸 수 없습니다"];
      s = trim(s.slice(1));
    }
    var tail = /[^0-9만억조]*$/.exec(s)[0];
    var m = AMOUNT.exec(trim(s.slice(0, s.length - tail.length)));
    if (!m || !(m[2] || m[3] || m[4] || m[5])) return [null, "수로 읽을 수 없는 답입니다: " + q(clean(text))];
    var d = null;
    if (tail) {
      var w = tail.replace(WS, "");
      if (!has(w)) {
        return [null, "단위 " + q(trim(tail)) + "은(는) 이 문제에 쓸 수 없습니다(쓸 수 있는 단위: " +
          (Object.keys(x).join(", ") || "없음") + ")"];
      }
      d = x[w];
    }
    var total = 0;
    for (var i = 0; i < 4; i++) if (m[i + 2]) total += Number(m[i + 2].replace(/[, ]/g, "")) * MULTIPLIERS[i];
    if (m[1] === "-") total = -total;
    if (d !== null) total = total / d;
    else if (m[2] || m[3] || m[4]) total = total / (k.s || 1);
    if (!isFinite(total)) return [null, "유한한 수가 아닙니다"];
    return [total, ""];
  }

  /* [verdict, detail]: "correct", "wrong", "empty" or "invalid" (not readable; shown as wrong). */
  function judge(k, answer) {
    if (answer == null || !clean(answer)) return ["empty", ""];
    if (k.k === "t") return [k.v.indexOf(normText(answer)) >= 0 ? "correct" : "wrong", ""];
    var p = parse(answer, k);
    if (p[0] === null) return ["invalid", p[1]];
    return [close(p[0], k.v, k.r, k.a) ? "correct" : "wrong", ""];
  }

  window.awsbookPractice = { judge: judge };
  var dataNode = document.getElementById("awsbook-practice-data");
  if (!dataNode) return;
  var page = JSON.parse(dataNode.textContent), keys = page.x, labels = Object.keys(keys);
  var STORE = "awsbook-practice:" + page.b, state = { answers: {}, name: "" };
  try {
    var saved = JSON.parse(localStorage.getItem(STORE) || "{}");
    if (saved && typeof saved.answers === "object" && saved.answers) state.answers = saved.answers;
    if (saved && typeof saved.name === "string") state.name = saved.name;
  } catch (e) { /* no storage (private mode) or a broken entry: start afresh */ }
  function save() { try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* memory only */ } }
  function sel(attr, label) { return document.querySelector("[" + attr + '="' + CSS.escape(label) + '"]'); }
  function stored(label) { var a = state.answers[label]; return typeof a === "string" ? a : ""; }

  var bar = document.querySelector(".awsbook-practice-bar");
  var progressNode = bar && bar.querySelector("[data-practice-progress]");
  var messageNode = bar && bar.querySelector("[data-practice-message]");
  var nameInput = bar && bar.querySelector("#awsbook-practice-name");

  function message(text) {
    if (!messageNode) return;
    messageNode.textContent = "";
    setTimeout(function () { messageNode.textContent = text; }, 50);
  }
  function progress() {
    var right = labels.filter(function (l) { return judge(keys[l], stored(l))[0] === "correct"; }).length;
    if (progressNode) progressNode.textContent = right + "/" + labels.length + " 정답";
  }
  function show(label, raw, announce) {
    var k = keys[label], fb = sel("data-exercise-feedback", label), r = judge(k, raw);
    var verdict = r[0] === "invalid" ? "wrong" : r[0];
    var text = verdict === "correct" ? "정답입니다! (허용 오차: " + k.t + ")"
      : verdict === "empty" ? "아직 답하지 않았습니다. 답을 적고 확인을 눌러 보세요."
      : "다시 생각해 보세요. " + (r[1] ? r[1] + ". " : "") + "힌트: " + k.h;
    fb.setAttribute("data-verdict", verdict);
    if (!announce) { fb.textContent = text; return; }
    fb.textContent = "";  // so that the same message is announced again
    setTimeout(function () { fb.textContent = text; }, 50);
  }
  function submit(label, announce) {
    state.answers[label] = sel("data-exercise", label).value;
    save();
    show(label, state.answers[label], announce);
    progress();
  }

  labels.forEach(function (label) {
    var form = sel("data-exercise-box", label), input = sel("data-exercise", label);
    if (!form || !input) return;
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); submit(label, true); });
    if (stored(label)) { input.value = stored(label); show(label, stored(label), false); }
  });

  function exportSheet() {
    var name = nameInput.value.trim();
    if (!name) { message("이름을 먼저 적어 주세요. 이름은 답안지에 들어갑니다."); nameInput.focus(); return; }
    labels.forEach(function (l) {  // hand in what the boxes show, checked or not
      var input = sel("data-exercise", l);
      if (input && input.value !== stored(l)) submit(l, false);
    });
    var sheet = {
      format: page.f[0], version: page.f[1], book: page.b, book_version: page.v, chapter: page.c,
      student: name, exported_at: new Date().toISOString(),
      answers: labels.map(function (l) { return { exercise: l, answer: stored(l) }; })
    };
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(sheet, null, 1) + "\n"], { type: "application/json" }));
    link.download = page.c + "-" + name.replace(/[\\/:*?"<>|\s]+/g, "_") + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 5000);
    message("답안지 " + link.download + " 파일을 저장했습니다. 이 파일을 선생님께 제출하세요.");
  }
  function reset() {
    labels.forEach(function (l) {
      delete state.answers[l];
      var input = sel("data-exercise", l), fb = sel("data-exercise-feedback", l);
      if (input) input.value = "";
      if (fb) { fb.textContent = ""; fb.removeAttribute("data-verdict"); }
    });
    save();
    progress();
    message("이 장의 답과 진행 기록을 지웠습니다.");
  }

  if (bar) {
    bar.hidden = false;
    nameInput.value = state.name;
    nameInput.addEventListener("input", function () { state.name = nameInput.value; save(); });
    bar.querySelector("[data-practice-export]").addEventListener("click", exportSheet);
    bar.querySelector("[data-practice-reset]").addEventListener("click", reset);
  }
  progress();
})();
