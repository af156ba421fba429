// npm run bench: placeholder entry point, filled in by the bench work (issue 10).
console.log('bench: not yet implemented');
