// Offsets are Python code points end to end; the browser counts UTF-16 units, in which an emoji or
// a CJK Extension B character is two units but one point. Every offset sent to the server is
// converted here, at the boundary, and nowhere else.

// Code points in the first `utf16Offset` units of `text` (a caret or a DOM text offset).
export function codePointOffset(text, utf16Offset) {
  return Array.from(text.slice(0, utf16Offset)).length;
}

// Code points from the start of a segment's text box up to a DOM point, counting only the text
// pieces (.t), never the label chips drawn between them.
export function codePointsBefore(container, node, offset) {
  const range = document.createRange();
  range.setStart(container, 0);
  range.setEnd(node, offset);
  let count = 0;
  container.querySelectorAll(".t").forEach((piece) => {
    const text = piece.firstChild;
    if (!text || !range.intersectsNode(text)) return;
    const from = text === range.startContainer ? range.startOffset : 0;
    const to = text === range.endContainer ? range.endOffset : text.length;
    if (to > from) count += codePointOffset(text.data.slice(from), to - from);
  });
  return count;
}

// UTF-16 units before the first `points` code points of `text` (a caret or selection in a text box).
export function utf16Offset(text, points) {
  return Array.from(text).slice(0, points).join("").length;
}
