/**
 * Memory settings for a small service rather than for the machine (issue 10; `npm run bench`
 * prints each service's memory), each left to the caller's own setting when it has one.
 * - V8: by default it lets the young generation grow to 64 MB and the old one to several times
 *   its live size before collecting. 8 MB semi-spaces and an old generation bounded at 512 MB
 *   (which also makes V8 collect before the heap doubles): shop holds 130 to 170 MB after start
 *   and 180 to 230 MB under load instead of 160 to 175 and 400+, for a little more time in the
 *   garbage collector (3% of busy time instead of 2%; 2 MB semi-spaces cost 9%). In NODE_OPTIONS,
 *   ahead of the caller's own, which win.
 * - glibc: blocks of 128 KiB and more are mapped and unmapped on their own, instead of staying in
 *   a thread's arena once freed. Each argon2 hash at auth takes 19 MiB in a libuv thread: auth
 *   held 38 MB of them after seeding the demo accounts, 175 MB in all instead of 215.
 */
export function withMemorySettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    NODE_OPTIONS: ['--max-semi-space-size=8 --max-old-space-size=512', env.NODE_OPTIONS].filter(Boolean).join(' '),
    MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
  };
}
