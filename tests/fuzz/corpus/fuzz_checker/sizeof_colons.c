/* clang 19 parses this for ever (as clang -fsyntax-only does): the engine
 * must leave the parse behind at twice its time limit and go on. */
int x = sizeof:: b;
