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
    var d = null;
    if (s && "$₩".indexOf(s[0]) >= 0) {
      if (!has(s[0])) return [null, "단위 " + q(s[0]) + "은(는) 이 문제에 쓸 수 없습니다"];
      d = x[s[0]];  // "₩150,000" in a 만 원 box is 15 (만 원)
      s = trim(s.slice(1));
    }
    var tail = /[^0-9만억조]*$/.exec(s)[0];
    var m = AMOUNT.exec(trim(s.slice(0, s.length - tail.length)));
    if (!m || !(m[2] || m[3] || m[4] || m[5])) return [null, "수로 읽을 수 없는 답입니다: " + q(clean(text))];
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

  /* The option a typed choice names: its key ("가", "가.", "(가)", "가)") or its whole text; else null. */
  function choiceOf(k, answer) {
    var text = normText(answer), m = /^\(?(.+?)[.)]?$/.exec(text), bare = m ? m[1] : text;
    for (var i = 0; i < k.o.length; i++) {
      if (text === k.o[i][0] || text === k.o[i][1] || bare === k.o[i][0]) return k.o[i][0];
    }
    return null;
  }
  function feedbackOf(k, key) {
    for (var i = 0; i < k.o.length; i++) if (k.o[i][0] === key) return k.o[i][2];
    return "";
  }

  /* [verdict, detail]: "correct", "wrong", "empty" or "invalid" (not readable; shown as wrong).
     For a choice the detail is the chosen option's key. */
  function judge(k, answer) {
    if (answer == null || !clean(answer)) return ["empty", ""];
    if (k.k === "c") {
      var chosen = choiceOf(k, answer);
      if (chosen === null) {
        return ["invalid", "보기(" + k.o.map(function (o) { return o[0]; }).join(", ") + ") 가운데 하나를 고르세요: " + q(clean(answer))];
      }
      return [chosen === k.v ? "correct" : "wrong", chosen];
    }
    if (k.k === "t") return [k.v.indexOf(normText(answer)) >= 0 ? "correct" : "wrong", ""];
    var p = parse(answer, k);
    if (p[0] === null) return ["invalid", p[1]];
    return [close(p[0], k.v, k.r, k.a) ? "correct" : "wrong", ""];
  }

  /* Per-student numbers (awsbook/exercises/students.py does the same): the id is NFKC without whitespace,
     the variant 1 + FNV-1a("<exercise>|<id>") mod (variants − 1), 0 (the book's numbers) without an id. */
  function normalizeId(id) { return String(id || "").normalize("NFKC").replace(WS, "").slice(0, 40); }
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }
  function variantOf(label, id, variants) {
    var sid = normalizeId(id);
    return sid ? 1 + fnv1a(label + "|" + sid) % (variants - 1) : 0;
  }

  window.awsbookPractice = { judge: judge, variantOf: variantOf, normalizeId: normalizeId };
  // The page's answer keys: a script under _static/practice sets them (book/practice.py move_data).
  var dataNode = document.getElementById("awsbook-practice-data");
  var page = window.awsbookPracticeData || (dataNode && JSON.parse(dataNode.textContent));
  if (!page) return;
  var keys = page.x, labels = Object.keys(keys);
  var STORE = "awsbook-practice:" + page.b, state = { answers: {}, name: "", student: "" };
  try {
    var saved = JSON.parse(localStorage.getItem(STORE) || "{}");
    if (saved && typeof saved.answers === "object" && saved.answers) state.answers = saved.answers;
    if (saved && typeof saved.name === "string") state.name = saved.name;
    if (saved && typeof saved.student === "string") state.student = normalizeId(saved.student);
  } catch (e) { /* no storage (private mode) or a broken entry: start afresh */ }
  /* This student's key: the book's key with the variant's expected value. */
  function keyOf(label) {
    var k = keys[label];
    if (!k.vs) return k;
    var own = {}, name;
    for (name in k) own[name] = k[name];
    own.v = k.vs[variantOf(label, state.student, page.n)];
    return own;
  }
  /* Every quoted number of a per-student exercise (<span data-x="<id>.<name>">) shows this student's value. */
  function showNumbers() {
    labels.forEach(function (label) {
      var k = keys[label];
      if (!k.fv) return;
      var row = k.fv[variantOf(label, state.student, page.n)];
      k.fn.forEach(function (name, i) {
        document.querySelectorAll('[data-x="' + CSS.escape(label + "." + name) + '"]').forEach(function (node) {
          node.textContent = row[i];
        });
      });
    });
  }
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
    var right = labels.filter(function (l) { return judge(keyOf(l), stored(l))[0] === "correct"; }).length;
    if (progressNode) progressNode.textContent = right + "/" + labels.length + " 정답";
  }
  function show(label, raw, announce) {
    var k = keyOf(label), fb = sel("data-exercise-feedback", label), r = judge(k, raw);
    var verdict = r[0] === "invalid" ? "wrong" : r[0], text;
    if (verdict === "empty") text = k.k === "c" ? "아직 고르지 않았습니다. 보기를 하나 고르고 확인을 눌러 보세요."
      : "아직 답하지 않았습니다. 답을 적고 확인을 눌러 보세요.";
    else if (k.k === "c" && r[0] !== "invalid") {
      text = (verdict === "correct" ? "정답입니다! " : "다시 생각해 보세요. ") + feedbackOf(k, r[1]);
    } else text = verdict === "correct" ? "정답입니다! (허용 오차: " + k.t + ")"
      : "다시 생각해 보세요. " + (r[1] ? r[1] + ". " : "") + "힌트: " + k.h;
    fb.setAttribute("data-verdict", verdict);
    if (!announce) { fb.textContent = text; return; }
    fb.textContent = "";  // so that the same message is announced again
    setTimeout(function () { fb.textContent = text; }, 50);
  }
  /* What an answer box holds: the typed text, or the key of the checked radio button ("" if none). */
  function current(label) {
    var box = sel("data-exercise-box", label);
    var picked = box && box.querySelector('input[type="radio"]:checked');
    if (keys[label].k === "c") return picked ? picked.value : "";
    return sel("data-exercise", label).value;
  }
  function fill(label, value) {
    var box = sel("data-exercise-box", label);
    if (keys[label].k === "c") {
      box.querySelectorAll('input[type="radio"]').forEach(function (r) { r.checked = r.value === value; });
    } else sel("data-exercise", label).value = value;
  }
  function submit(label, announce) {
    state.answers[label] = current(label);
    save();
    show(label, state.answers[label], announce);
    progress();
  }

  labels.forEach(function (label) {
    var form = sel("data-exercise-box", label), input = sel("data-exercise", label);
    if (!form || !input) return;
    form.hidden = false;
    var list = document.querySelector('ul[data-choices="' + CSS.escape(label) + '"]');
    if (list) list.hidden = true;  // the radio group shows the same options
    form.addEventListener("submit", function (event) { event.preventDefault(); submit(label, true); });
    if (stored(label)) { fill(label, stored(label)); show(label, stored(label), false); }
  });
  showNumbers();

  function exportSheet() {
    var name = nameInput.value.trim();
    if (!name) { message("이름을 먼저 적어 주세요. 이름은 답안지에 들어갑니다."); nameInput.focus(); return; }
    labels.forEach(function (l) {  // hand in what the boxes show, checked or not
      if (sel("data-exercise", l) && current(l) !== stored(l)) submit(l, false);
    });
    var sheet = {
      format: page.f[0], version: page.f[1], book: page.b, book_version: page.v, chapter: page.c,
      student: name, student_id: state.student, exported_at: new Date().toISOString(),
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
      if (input) fill(l, "");
      if (fb) { fb.textContent = ""; fb.removeAttribute("data-verdict"); }
    });
    save();
    progress();
    message("이 장의 답과 진행 기록을 지웠습니다.");
  }

  var idInput = bar && bar.querySelector("[data-student-id]");
  function useStudent() {
    state.student = normalizeId(idInput.value);
    idInput.value = state.student;
    save();
    showNumbers();
    labels.forEach(function (l) { if (stored(l)) show(l, stored(l), false); });
    progress();
    message(state.student ? "학번 " + state.student + "의 수로 문제를 바꾸었습니다." : "책의 기본 수로 되돌렸습니다.");
  }
  if (bar) {
    bar.hidden = false;
    nameInput.value = state.name;
    nameInput.addEventListener("input", function () { state.name = nameInput.value; save(); });
    if (idInput) {
      idInput.value = state.student;
      idInput.addEventListener("change", useStudent);
    }
    bar.querySelector("[data-practice-export]").addEventListener("click", exportSheet);
    bar.querySelector("[data-practice-reset]").addEventListener("click", reset);
  }
  progress();
})();
