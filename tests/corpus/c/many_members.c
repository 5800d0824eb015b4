/* A function that reads more members of its handles than the analysis
 * keeps apart (30 slots per function: each parameter and each member read
 * through one).  The last free slots wait for the parameters themselves,
 * so the message that comes after the members still comes from the caller
 * (libxml2's error helpers: a dozen members of each context, then the
 * message).  Without a slot of its own it was data of unknown origin. */
#include <stdio.h>
#include <stdlib.h>
struct ctx {
    const char *m00;
    const char *m01;
    const char *m02;
    const char *m03;
    const char *m04;
    const char *m05;
    const char *m06;
    const char *m07;
    const char *m08;
    const char *m09;
    const char *m10;
    const char *m11;
    const char *m12;
    const char *m13;
    const char *m14;
    const char *m15;
    const char *m16;
    const char *m17;
    const char *m18;
    const char *m19;
    const char *m20;
    const char *m21;
    const char *m22;
    const char *m23;
    const char *m24;
    const char *m25;
    const char *m26;
    const char *m27;
    const char *m28;
    const char *m29;
    const char *m30;
    const char *m31;
    const char *m32;
    const char *m33;
};

void sink_text(const char *);

static void report(struct ctx *c, const char *note, const char *message) // expect-step: 'message' comes from the caller of report()
{
    sink_text(c->m00);
    sink_text(c->m01);
    sink_text(c->m02);
    sink_text(c->m03);
    sink_text(c->m04);
    sink_text(c->m05);
    sink_text(c->m06);
    sink_text(c->m07);
    sink_text(c->m08);
    sink_text(c->m09);
    sink_text(c->m10);
    sink_text(c->m11);
    sink_text(c->m12);
    sink_text(c->m13);
    sink_text(c->m14);
    sink_text(c->m15);
    sink_text(c->m16);
    sink_text(c->m17);
    sink_text(c->m18);
    sink_text(c->m19);
    sink_text(c->m20);
    sink_text(c->m21);
    sink_text(c->m22);
    sink_text(c->m23);
    sink_text(c->m24);
    sink_text(c->m25);
    sink_text(c->m26);
    sink_text(c->m27);
    sink_text(c->m28);
    sink_text(c->m29);
    sink_text(c->m30);
    sink_text(c->m31);
    sink_text(c->m32);
    sink_text(c->m33);
    sink_text(note);
    printf(message);
}

/* safe: every caller passes a literal message */
void report_fixed(struct ctx *c)
{
    report(c, "note", "done\n");
}

/* bad: a caller passes untrusted text */
void report_input_bad(struct ctx *c)
{
    report(c, "note", getenv("MSG")); // expect: BW-FORMAT-STRING
}

/* the limit: more parameters than slots.  The last ones have none, and
 * what they receive is of unknown origin even when every caller passes a
 * literal (a documented false positive; the step says why) */
static void many_params(const char *p00, const char *p01, const char *p02, const char *p03, const char *p04, const char *p05, const char *p06, const char *p07, const char *p08, const char *p09, const char *p10, const char *p11, const char *p12, const char *p13, const char *p14, const char *p15, const char *p16, const char *p17, const char *p18, const char *p19, const char *p20, const char *p21, const char *p22, const char *p23, const char *p24, const char *p25, const char *p26, const char *p27, const char *p28, const char *p29, const char *p30, const char *p31) // expect-step: 'p31' is a parameter of many_params(), which reads more parameters and members than the analysis keeps apart (30); its origin is unknown
{
    sink_text(p00);
    sink_text(p01);
    sink_text(p02);
    sink_text(p03);
    sink_text(p04);
    sink_text(p05);
    sink_text(p06);
    sink_text(p07);
    sink_text(p08);
    sink_text(p09);
    sink_text(p10);
    sink_text(p11);
    sink_text(p12);
    sink_text(p13);
    sink_text(p14);
    sink_text(p15);
    sink_text(p16);
    sink_text(p17);
    sink_text(p18);
    sink_text(p19);
    sink_text(p20);
    sink_text(p21);
    sink_text(p22);
    sink_text(p23);
    sink_text(p24);
    sink_text(p25);
    sink_text(p26);
    sink_text(p27);
    sink_text(p28);
    sink_text(p29);
    sink_text(p30);
    printf(p31); // expect: BW-FORMAT-STRING
}

void call_many_params(void)
{
    many_params("a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "done\n");
}
