// The account center's only script: copy buttons and confirmations. Pages work without it.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) {
    return;
  }
  const source = document.getElementById(button.dataset.copy);
  if (!source) {
    return;
  }
  const text = source.textContent.trim();
  const done = () => {
    const label = button.innerHTML;
    button.textContent = "已复制 Copied";
    setTimeout(() => { button.innerHTML = label; }, 1500);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => selectText(source));
  } else {
    // Over plain HTTP the clipboard API is off: select the text so that Ctrl/Cmd+C copies it.
    selectText(source);
    button.textContent = "已选中,按 Ctrl+C · Selected, press Ctrl+C";
  }
});

function selectText(element) {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
