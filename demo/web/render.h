/* render.h — HTML output of the demo app. */
#ifndef DEMO_RENDER_H
#define DEMO_RENDER_H

#include <stdio.h>

/* Writes s with & < > " ' escaped. */
void demo_html_escape(FILE *out, const char *s);
void demo_page_start(const char *title);
void demo_page_end(void);
/* The search results page: echoes the search term back. */
void demo_render_search_header(const char *term);
/* The greeting on the profile page. */
void demo_render_greeting(const char *name);

#endif
