/*
 * report_html.c — the self-contained HTML dashboard.
 *
 * One file, no external resource, no script.  A strict Content-Security-
 * Policy allows only the one inline style sheet (by its SHA-256 hash) and
 * data: images.  Every value from the model is HTML-escaped (bidirectional
 * controls shown as visible "[U+202E]").  Charts are inline SVG with a
 * <title>/<desc> and a data table as text alternative.  A viewport meta tag
 * and a narrow-screen layout make it readable on a phone; @media print
 * lays it out for paper.
 */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "bulwark/alloc.h"
#include "internal.h"
#include "report.h"

/* ---- SHA-256 (FIPS 180-4), for the CSP hash of the style sheet ------------------------ */

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

static uint32_t ror(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(uint32_t h[8], const unsigned char *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] +
                      w[i];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha256(const char *data, size_t len, unsigned char out[32]) {
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t i = 0;
    for (; i + 64 <= len; i += 64)
        sha256_block(h, (const unsigned char *)data + i);
    unsigned char tail[128] = {0};
    size_t rest = len - i;
    memcpy(tail, data + i, rest);
    tail[rest] = 0x80;
    size_t tl = rest + 1 + 8 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t)len * 8;
    for (int k = 0; k < 8; k++)
        tail[tl - 1 - (size_t)k] = (unsigned char)(bits >> (8 * k));
    sha256_block(h, tail);
    if (tl == 128)
        sha256_block(h, tail + 64);
    for (int k = 0; k < 8; k++) {
        out[4 * k] = (unsigned char)(h[k] >> 24);
        out[4 * k + 1] = (unsigned char)(h[k] >> 16);
        out[4 * k + 2] = (unsigned char)(h[k] >> 8);
        out[4 * k + 3] = (unsigned char)h[k];
    }
}

static void base64(bw_buf *b, const unsigned char *p, size_t n) {
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        bw_buf_putc(b, tbl[(v >> 18) & 63]);
        bw_buf_putc(b, tbl[(v >> 12) & 63]);
        bw_buf_putc(b, i + 1 < n ? tbl[(v >> 6) & 63] : '=');
        bw_buf_putc(b, i + 2 < n ? tbl[v & 63] : '=');
    }
}

/* ---- the style sheet (its hash goes into the CSP) ---------------------------------------- */

static const char css[] =
    ":root{--fg:#1b1f24;--mut:#57606a;--bg:#fff;--card:#f6f8fa;--bd:#d0d7de;--bad:#b42318;"
    "--badbg:#fdecea;--ok:#1a7f37;--okbg:#e9f6ec;--warn:#8a5a00;--warnbg:#fff4d6;--acc:#0b5cad}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0 auto;max-width:72rem;padding:1rem;font:15px/1.45 system-ui,-apple-system,"
    "'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:var(--fg);background:var(--bg)}\n"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2rem 0 .6rem;"
    "border-bottom:1px solid var(--bd);padding-bottom:.2rem}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}\n"
    ".meta{color:var(--mut);font-size:.9rem}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.6rem;"
    "margin:1rem 0}\n"
    ".card{background:var(--card);border:1px solid var(--bd);border-radius:6px;padding:.6rem .8rem}\n"
    ".card .v{font-size:1.5rem;font-weight:650;display:block;overflow-wrap:anywhere}"
    ".card .k{color:var(--mut);font-size:.85rem}\n"
    ".card.bad{background:var(--badbg);border-color:var(--bad)}\n"
    ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0}\n"
    "th,td{border:1px solid var(--bd);padding:.3rem .45rem;text-align:left;vertical-align:top;"
    "overflow-wrap:break-word}\n"
    "td:first-child{min-width:7rem;max-width:18rem}td svg{max-width:none}\n"
    "th{background:var(--card)}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "tr.late td{background:var(--badbg)}\n"
    ".st{display:inline-block;padding:0 .4rem;border-radius:4px;font-weight:600;font-size:.8rem;"
    "border:1px solid}\n"
    ".st.late,.st.blocked,.st.fail{color:var(--bad);background:var(--badbg)}"
    ".st.done,.st.pass{color:var(--ok);background:var(--okbg)}"
    ".st.on-track,.st.due{color:var(--acc);background:#eaf2fb}"
    ".st.no-plan,.st.not-measured,.st.none{color:var(--warn);background:var(--warnbg)}\n"
    ".missing{color:var(--bad);font-weight:600}\n"
    "figure{margin:.6rem 0}figcaption{color:var(--mut);font-size:.85rem}\n"
    "svg{max-width:100%;height:auto;display:block}figure svg{max-width:46rem}\n"
    "svg text{font:11px system-ui,'DejaVu Sans',sans-serif;fill:#444}\n"
    ".legend span{margin-right:1rem;font-size:.85rem;white-space:nowrap}"
    ".sw{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px;"
    "border-radius:2px}\n"
    ".c0{background:#0b5cad}.c1{background:#b42318}.c2{background:#1a7f37}.c3{background:#8a5a00}"
    ".c4{background:#6f42c1}.c5{background:#0a7c86}.c6{background:#c2410c}.c7{background:#57606a}\n"
    "details{margin:.3rem 0}summary{cursor:pointer;color:var(--acc)}\n"
    "code{font-size:.85rem;overflow-wrap:anywhere}\n"
    "ul.crit{margin:.2rem 0;padding-left:1.2rem}\n"
    "@media (max-width:40rem){body{padding:.5rem;font-size:14px}.card .v{font-size:1.25rem}"
    "th,td{padding:.25rem .3rem}}\n"
    "@media print{body{max-width:none;font-size:10pt}.scroll{overflow:visible}"
    "details>summary{display:none}h2{break-after:avoid}table,figure,.card{break-inside:avoid}"
    "a{color:inherit;text-decoration:none}}\n";

/* Colours of chart series, matching the .cN classes. */
static const char *const palette[] = {"#0b5cad", "#b42318", "#1a7f37", "#8a5a00",
                                      "#6f42c1", "#0a7c86", "#c2410c", "#57606a"};
#define NPALETTE (sizeof palette / sizeof palette[0])

/* ---- model access ----------------------------------------------------------------------- */

static void esc(bw_buf *b, const char *s) { bw_rm_html_escape(b, s); }

/* Escaped text, or a highlighted placeholder when missing. */
static void esc_or(bw_buf *b, const char *s, const char *missing) {
    if (s && *s) {
        esc(b, s);
    } else {
        bw_buf_puts(b, "<span class=\"missing\">");
        esc(b, missing);
        bw_buf_puts(b, "</span>");
    }
}

static void num(bw_buf *b, json_int_t v) {
    char tmp[32];
    bool neg = v < 0;
    unsigned long long u = neg ? (unsigned long long)(-(v + 1)) + 1 : (unsigned long long)v;
    int n = snprintf(tmp, sizeof tmp, "%llu", u);
    if (neg)
        bw_buf_putc(b, '-');
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            bw_buf_putc(b, ',');
        bw_buf_putc(b, tmp[i]);
    }
}

static void pct(bw_buf *b, double share) {
    if (!isfinite(share))
        share = 0;
    bw_buf_printf(b, "%.1f%%", share * 100.0);
}

/* A status chip: `cls` must be one of the known status words (used as a class). */
static void chip(bw_buf *b, const char *status) {
    static const char *const known[] = {"late", "blocked", "done", "on-track", "due", "no-plan",
                                        "not-measured", "pass", "fail", "none", NULL};
    const char *cls = "none";
    for (size_t i = 0; status && known[i]; i++)
        if (strcmp(status, known[i]) == 0)
            cls = known[i];
    bw_buf_printf(b, "<span class=\"st %s\">", cls);
    esc(b, status ? status : "unknown");
    bw_buf_puts(b, "</span>");
}

static void card(bw_buf *b, const char *key, const char *value_html, bool bad, const char *id) {
    bw_buf_printf(b, "<div class=\"card%s\"><span class=\"v\"", bad ? " bad" : "");
    if (id)
        bw_buf_printf(b, " id=\"%s\"", id);
    bw_buf_printf(b, ">%s</span><span class=\"k\">", value_html);
    esc(b, key);
    bw_buf_puts(b, "</span></div>\n");
}

/* A formatted value, or "" with the page marked failed when formatting ran
 * out of memory (the page is then not returned at all). */
static const char *or_failed(bw_buf *b, const char *v) {
    if (!v)
        b->failed = true;
    return v ? v : "";
}

static char *fmt_num(json_int_t v) {
    bw_buf t = BW_BUF_INIT;
    num(&t, v);
    return bw_buf_take(&t);
}

static char *fmt_pct(double v) {
    bw_buf t = BW_BUF_INIT;
    pct(&t, v);
    return bw_buf_take(&t);
}

/* ---- charts ----------------------------------------------------------------------------------- */

typedef struct series {
    const char *name;
    double *v;
} series;

/* A line chart over n points.  `percent`: values are shares 0..1. */
static void line_chart(bw_buf *b, const char *id, const char *title, json_t *points,
                       const char *time_key, series *sv, size_t ns, bool percent) {
    size_t n = json_array_size(points);
    const double W = 640, H = 220, L = 56, R = 12, T = 12, Bm = 28;
    double maxv = percent ? 1.0 : 0.0;
    for (size_t s = 0; s < ns; s++)
        for (size_t i = 0; i < n; i++)
            if (sv[s].v[i] > maxv)
                maxv = sv[s].v[i];
    if (maxv <= 0)
        maxv = 1;
    if (!percent)
        maxv = ceil(maxv / 4.0) * 4.0; /* whole-number grid lines */
    const char *first = n ? js(json_array_get(points, 0), time_key) : NULL;
    const char *last = n ? js(json_array_get(points, n - 1), time_key) : NULL;

    bw_buf_printf(b, "<figure><svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                     "aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">",
                  W, H, id, id);
    bw_buf_printf(b, "<title id=\"%s-t\">", id);
    esc(b, title);
    bw_buf_printf(b, "</title><desc id=\"%s-d\">", id);
    /* The text alternative: first and last value of each series. */
    for (size_t s = 0; s < ns; s++) {
        esc(b, sv[s].name);
        bw_buf_puts(b, ": ");
        if (n == 0) {
            bw_buf_puts(b, "no data. ");
            continue;
        }
        if (percent) {
            pct(b, sv[s].v[0]);
            bw_buf_puts(b, " at ");
            esc(b, first);
            bw_buf_puts(b, ", ");
            pct(b, sv[s].v[n - 1]);
        } else {
            num(b, (json_int_t)sv[s].v[0]);
            bw_buf_puts(b, " at ");
            esc(b, first);
            bw_buf_puts(b, ", ");
            num(b, (json_int_t)sv[s].v[n - 1]);
        }
        bw_buf_puts(b, " at ");
        esc(b, last);
        bw_buf_puts(b, ". ");
    }
    bw_buf_puts(b, "</desc>");
    /* Axes and grid. */
    for (int g = 0; g <= 4; g++) {
        double y = T + (H - T - Bm) * (1.0 - g / 4.0);
        bw_buf_printf(b, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e1e4e8\"/>",
                      L, W - R, y, y);
        bw_buf_printf(b, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", L - 4, y + 4);
        if (percent)
            bw_buf_printf(b, "%d%%", g * 25);
        else
            num(b, (json_int_t)llround(maxv * g / 4.0));
        bw_buf_puts(b, "</text>");
    }
    if (first) {
        bw_buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\">", L, H - 8);
        bw_buf_append(b, first, strnlen(first, 10));
        bw_buf_puts(b, "</text>");
    }
    if (last && n > 1) {
        bw_buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">", W - R, H - 8);
        bw_buf_append(b, last, strnlen(last, 10));
        bw_buf_puts(b, "</text>");
    }
    for (size_t s = 0; s < ns && n > 0; s++) {
        bw_buf_printf(b, "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"%s\" points=\"",
                      palette[s % NPALETTE]);
        for (size_t i = 0; i < n; i++) {
            double x = n == 1 ? (L + W - R) / 2 : L + (W - L - R) * (double)i / (double)(n - 1);
            double y = T + (H - T - Bm) * (1.0 - sv[s].v[i] / maxv);
            bw_buf_printf(b, "%s%.1f,%.1f", i ? " " : "", x, y);
        }
        bw_buf_puts(b, "\"/>");
        if (n == 1) {
            double y = T + (H - T - Bm) * (1.0 - sv[s].v[0] / maxv);
            bw_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
                          (L + W - R) / 2, y, palette[s % NPALETTE]);
        }
    }
    bw_buf_puts(b, "</svg>");
    if (ns > 1) {
        bw_buf_puts(b, "<div class=\"legend\">");
        for (size_t s = 0; s < ns; s++) {
            bw_buf_printf(b, "<span><i class=\"sw c%zu\"></i>", s % NPALETTE);
            esc(b, sv[s].name);
            bw_buf_puts(b, "</span>");
        }
        bw_buf_puts(b, "</div>");
    }
    bw_buf_puts(b, "<figcaption>");
    esc(b, title);
    bw_buf_printf(b, " (%zu snapshot%s shown)</figcaption>", n, n == 1 ? "" : "s");
    /* The full data as a table. */
    bw_buf_puts(b, "<details><summary>Data table</summary><div class=\"scroll\"><table><thead>"
                   "<tr><th>time</th>");
    for (size_t s = 0; s < ns; s++) {
        bw_buf_puts(b, "<th class=\"n\">");
        esc(b, sv[s].name);
        bw_buf_puts(b, "</th>");
    }
    bw_buf_puts(b, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        bw_buf_puts(b, "<tr><td>");
        esc(b, js(json_array_get(points, i), time_key));
        bw_buf_puts(b, "</td>");
        for (size_t s = 0; s < ns; s++) {
            bw_buf_puts(b, "<td class=\"n\">");
            if (percent)
                pct(b, sv[s].v[i]);
            else
                num(b, (json_int_t)sv[s].v[i]);
            bw_buf_puts(b, "</td>");
        }
        bw_buf_puts(b, "</tr>");
    }
    bw_buf_puts(b, "</tbody></table></div></details></figure>\n");
}

/* A tiny trend line for a table cell; aria-label gives first/last. */
static void sparkline(bw_buf *b, json_t *hist, const char *key, bool percent) {
    size_t n = json_array_size(hist);
    if (n < 2)
        return;
    /* At most 60 points in a cell. */
    size_t k = n > 60 ? 60 : n;
    double maxv = percent ? 1.0 : 0.0;
    for (size_t i = 0; i < n; i++) {
        double v = jr(json_array_get(hist, i), key);
        if (v > maxv)
            maxv = v;
    }
    if (maxv <= 0)
        maxv = 1;
    double first = jr(json_array_get(hist, 0), key), last = jr(json_array_get(hist, n - 1), key);
    bw_buf_puts(b, "<svg viewBox=\"0 0 80 20\" width=\"80\" height=\"20\" role=\"img\" aria-label=\"");
    bw_buf_puts(b, "trend from ");
    if (percent) {
        pct(b, first);
        bw_buf_puts(b, " to ");
        pct(b, last);
    } else {
        num(b, (json_int_t)first);
        bw_buf_puts(b, " to ");
        num(b, (json_int_t)last);
    }
    bw_buf_puts(b, "\" xmlns=\"http://www.w3.org/2000/svg\"><polyline fill=\"none\" "
                   "stroke=\"#0b5cad\" stroke-width=\"1.5\" points=\"");
    for (size_t j = 0; j < k; j++) {
        size_t i = k == n ? j : (j * (n - 1)) / (k - 1);
        double v = jr(json_array_get(hist, i), key);
        bw_buf_printf(b, "%s%.1f,%.1f", j ? " " : "", 80.0 * (double)j / (double)(k - 1),
                      19.0 - 18.0 * v / maxv);
    }
    bw_buf_puts(b, "\"/></svg>");
}

/* Horizontal bars: labels with values, proportional widths. */
static void bar_chart(bw_buf *b, const char *id, const char *title, const char *const *labels,
                      const double *values, const bool *flag, size_t n, bool percent) {
    if (n == 0)
        return;
    double maxv = percent ? 1.0 : 0.0;
    for (size_t i = 0; i < n; i++)
        if (values[i] > maxv)
            maxv = values[i];
    if (maxv <= 0)
        maxv = 1;
    const double W = 640, row = 22, L = 170, R = 90;
    double H = row * (double)n + 6;
    bw_buf_printf(b, "<figure><svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                     "aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">",
                  W, H, id, id);
    bw_buf_printf(b, "<title id=\"%s-t\">", id);
    esc(b, title);
    bw_buf_printf(b, "</title><desc id=\"%s-d\">", id);
    for (size_t i = 0; i < n; i++) {
        esc(b, labels[i]);
        bw_buf_puts(b, ": ");
        if (percent)
            pct(b, values[i]);
        else
            num(b, (json_int_t)values[i]);
        bw_buf_puts(b, i + 1 < n ? "; " : ".");
    }
    bw_buf_puts(b, "</desc>");
    for (size_t i = 0; i < n; i++) {
        double y = 3 + row * (double)i;
        double w = (W - L - R) * values[i] / maxv;
        bw_buf_printf(b, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", L - 6, y + 14);
        /* Long labels are cut for the chart; the table has them whole. */
        size_t ll = strlen(labels[i]);
        if (ll > 26) {
            size_t cut = 24;
            while (cut > 0 && ((unsigned char)labels[i][cut] & 0xc0) == 0x80)
                cut--;
            char *shortl = bw_strndup(labels[i], cut);
            esc(b, or_failed(b, shortl));
            bw_free(shortl);
            bw_buf_puts(b, "\xe2\x80\xa6");
        } else {
            esc(b, labels[i]);
        }
        bw_buf_printf(b, "</text><rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" "
                         "fill=\"%s\"/>",
                      L, y + 2, w < 0 ? 0 : w, flag && flag[i] ? "#1a7f37" : "#0b5cad");
        bw_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">", L + w + 4, y + 14);
        if (percent)
            pct(b, values[i]);
        else
            num(b, (json_int_t)values[i]);
        bw_buf_puts(b, "</text>");
    }
    bw_buf_puts(b, "</svg><figcaption>");
    esc(b, title);
    bw_buf_puts(b, "</figcaption></figure>\n");
}

/* ---- sections ----------------------------------------------------------------------------------- */

static void org_section(bw_buf *b, json_t *p) {
    json_t *org = json_object_get(p, "organization");
    static const struct {
        const char *key, *label, *missing;
    } items[] = {
        {"executive_sponsor", "Executive owner", "no senior executive named"},
        {"memory_safe_new_code_date", "New code in memory-safe languages from",
         "no date set"},
        {"training_plan", "Developer training plan", "no training plan"},
        {"dependency_plan", "External C/C++ dependencies", "no dependency plan"},
        {"transparency", "Public updates", "no publication cadence"},
        {"cve_policy", "CVE policy", "no CVE policy"},
    };
    bw_buf_puts(b, "<h3>Commitments</h3><div class=\"scroll\"><table><tbody>");
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        bw_buf_puts(b, "<tr><th>");
        esc(b, items[i].label);
        bw_buf_puts(b, "</th><td>");
        esc_or(b, js(org, items[i].key), items[i].missing);
        bw_buf_puts(b, "</td></tr>");
    }
    bw_buf_puts(b, "</tbody></table></div>\n");
}

static void cards_section(bw_buf *b, json_t *p, const char *pid) {
    json_t *t = json_object_get(p, "totals");
    bw_buf_puts(b, "<div class=\"cards\">");
    char id[96];
    char *v;
    snprintf(id, sizeof id, "%s-share", pid);
    v = fmt_pct(jr(t, "memory_safe_share"));
    card(b, "of code in memory-safe languages", or_failed(b, v), false, id);
    bw_free(v);
    snprintf(id, sizeof id, "%s-unsafe-lines", pid);
    v = fmt_num(ji(t, "lines_unsafe"));
    card(b, "lines of C, C++ and assembly", or_failed(b, v), false, id);
    bw_free(v);
    snprintf(id, sizeof id, "%s-late", pid);
    v = fmt_num(ji(t, "components_late"));
    card(b, "components late", or_failed(b, v), ji(t, "components_late") > 0, id);
    bw_free(v);
    snprintf(id, sizeof id, "%s-findings", pid);
    v = fmt_num(ji(t, "findings_open"));
    card(b, "open findings", or_failed(b, v), ji(t, "findings_high") > 0, id);
    bw_free(v);
    snprintf(id, sizeof id, "%s-high", pid);
    v = fmt_num(ji(t, "findings_high"));
    card(b, "open error-severity findings", or_failed(b, v), ji(t, "findings_high") > 0, id);
    bw_free(v);
    snprintf(id, sizeof id, "%s-unsafe-constructs", pid);
    v = fmt_num(ji(t, "unsafe_constructs"));
    card(b, "unsafe constructs in C/C++", or_failed(b, v), false, id);
    bw_free(v);
    json_int_t tus = ji(t, "tu_total"), hard = ji(t, "tu_hardened");
    snprintf(id, sizeof id, "%s-coverage", pid);
    v = tus ? fmt_pct((double)hard / (double)tus) : bw_strdup("no builds");
    card(b, "compile units built hardened", or_failed(b, v), tus > 0 && hard < tus, id);
    bw_free(v);
    snprintf(id, sizeof id, "%s-runtime", pid);
    v = fmt_num(ji(t, "runtime_violations"));
    card(b, "runtime violations recorded", or_failed(b, v), ji(t, "runtime_report_only") > 0, id);
    bw_free(v);
    snprintf(id, sizeof id, "%s-loosenings", pid);
    v = fmt_num((json_int_t)json_array_size(json_object_get(p, "loosenings")));
    card(b, "loosenings in force", or_failed(b, v),
         json_array_size(json_object_get(p, "loosenings")) > 0, id);
    bw_free(v);
    bw_buf_puts(b, "</div>\n");
}

static void trend_section(bw_buf *b, json_t *p, const char *pid) {
    json_t *trend = json_object_get(p, "trend");
    size_t n = json_array_size(trend);
    double *share = bw_calloc(n ? n : 1, sizeof *share);
    double *base = bw_calloc(n ? n : 1, sizeof *base);
    double *unsafe = bw_calloc(n ? n : 1, sizeof *unsafe);
    if (!share || !base || !unsafe) {
        b->failed = true;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *pt = json_array_get(trend, i);
        share[i] = jr(pt, "memory_safe_share");
        base[i] = (double)ji(pt, "baseline_size");
        unsafe[i] = (double)ji(pt, "unsafe_constructs");
    }
    char id[96];
    bw_buf_puts(b, "<h2>Memory-safe share over time</h2>");
    snprintf(id, sizeof id, "%s-share-chart", pid);
    series s1 = {"memory-safe share", share};
    line_chart(b, id, "Share of code in memory-safe languages", trend, "time", &s1, 1, true);
    bw_buf_puts(b, "<h2>Baseline and unsafe constructs</h2>");
    snprintf(id, sizeof id, "%s-baseline-chart", pid);
    series s2[2] = {{"baseline size", base}, {"unsafe constructs", unsafe}};
    line_chart(b, id, "Pre-commit baseline size and C/C++ unsafe constructs", trend, "time", s2, 2,
               false);
done:
    bw_free(share);
    bw_free(base);
    bw_free(unsafe);
}

static void burndown_section(bw_buf *b, json_t *p, const char *pid) {
    json_t *bd = json_object_get(p, "burndown");
    json_t *classes = json_object_get(bd, "classes"), *points = json_object_get(bd, "points");
    size_t nc = json_array_size(classes), n = json_array_size(points);
    bw_buf_puts(b, "<h2>Findings burn-down by rule class</h2>");
    if (nc == 0) {
        bw_buf_puts(b, "<p>No open findings in any snapshot.</p>");
    } else {
        series *sv = bw_calloc(nc, sizeof *sv);
        bool ok = sv != NULL;
        for (size_t c = 0; ok && c < nc; c++) {
            sv[c].name = json_string_value(json_array_get(classes, c));
            sv[c].v = bw_calloc(n ? n : 1, sizeof *sv[c].v);
            if (!sv[c].v) {
                ok = false;
                break;
            }
            for (size_t i = 0; i < n; i++) {
                json_t *counts = json_object_get(json_array_get(points, i), "counts");
                sv[c].v[i] = (double)ji(counts, sv[c].name);
            }
        }
        if (ok) {
            char id[96];
            snprintf(id, sizeof id, "%s-burndown-chart", pid);
            line_chart(b, id, "Open findings per rule class", points, "time", sv, nc, false);
        } else {
            b->failed = true;
        }
        for (size_t c = 0; sv && c < nc; c++)
            bw_free(sv[c].v);
        bw_free(sv);
    }
    json_t *by_rule = json_object_get(p, "findings_by_rule");
    if (json_object_size(by_rule)) {
        bw_buf_puts(b, "<h3>Open findings by rule (latest snapshot)</h3><div class=\"scroll\">"
                       "<table><thead><tr><th>rule</th><th>class</th><th class=\"n\">open</th>"
                       "</tr></thead><tbody>");
        const char *k;
        json_t *v;
        json_object_foreach(by_rule, k, v) {
            bw_buf_puts(b, "<tr><td><code>");
            esc(b, k);
            bw_buf_puts(b, "</code></td><td>");
            esc(b, bw_rm_rule_class(k));
            bw_buf_puts(b, "</td><td class=\"n\">");
            num(b, json_integer_value(v));
            bw_buf_puts(b, "</td></tr>");
        }
        bw_buf_puts(b, "</tbody></table></div>\n");
    }
}

static void components_section(bw_buf *b, json_t *p, const char *pid) {
    json_t *comps = json_object_get(p, "components");
    bw_buf_printf(b, "<h2 id=\"%s-components\">Components</h2><div class=\"scroll\"><table>"
                     "<thead><tr><th>component</th><th>owner</th><th>phase</th><th>next milestone"
                     "</th><th>status</th><th class=\"n\">memory-safe</th><th>trend</th>"
                     "<th class=\"n\">C/C++/asm lines</th><th class=\"n\">unsafe constructs</th>"
                     "<th class=\"n\">open findings (error)</th><th class=\"n\">baseline</th>"
                     "<th class=\"n\">hardened TUs</th><th class=\"n\">runtime violations</th>"
                     "</tr></thead><tbody>\n",
                  pid);
    size_t i;
    json_t *c;
    json_array_foreach(comps, i, c) {
        const char *status = js(c, "status");
        bool late = status && strcmp(status, "late") == 0;
        bw_buf_printf(b, "<tr%s><td><a href=\"#%s-c%zu\">", late ? " class=\"late\"" : "", pid, i);
        esc(b, js(c, "name"));
        bw_buf_puts(b, "</a></td><td>");
        esc_or(b, js(c, "owner"), json_is_true(json_object_get(c, "unassigned")) ? "—" : "no owner");
        bw_buf_puts(b, "</td><td>");
        esc(b, js(c, "phase") ? js(c, "phase") : "not measured");
        bw_buf_puts(b, "</td><td>");
        if (js(c, "next_phase")) {
            esc(b, js(c, "next_phase"));
            bw_buf_puts(b, " by ");
            esc(b, js(c, "next_target"));
        } else {
            bw_buf_puts(b, "—");
        }
        bw_buf_puts(b, "</td><td>");
        chip(b, status);
        bw_buf_puts(b, "</td><td class=\"n\">");
        pct(b, jr(c, "memory_safe_share"));
        bw_buf_puts(b, "</td><td>");
        sparkline(b, json_object_get(c, "history"), "memory_safe_share", true);
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(c, "lines_unsafe"));
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(c, "unsafe_constructs"));
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(c, "findings_open"));
        bw_buf_puts(b, " (");
        num(b, ji(c, "findings_high"));
        bw_buf_puts(b, ")</td><td class=\"n\">");
        num(b, ji(c, "baseline_size"));
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(c, "tu_hardened"));
        bw_buf_puts(b, " / ");
        num(b, ji(c, "tu_total"));
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(c, "runtime_violations"));
        bw_buf_puts(b, "</td></tr>\n");
    }
    bw_buf_puts(b, "</tbody></table></div>\n");
}

static void milestones_section(bw_buf *b, json_t *p, const char *pid) {
    json_t *comps = json_object_get(p, "components");
    bw_buf_puts(b, "<h2>Milestones and phase criteria</h2>\n");
    size_t i;
    json_t *c;
    json_array_foreach(comps, i, c) {
        bw_buf_printf(b, "<h3 id=\"%s-c%zu\">", pid, i);
        esc(b, js(c, "name"));
        bw_buf_puts(b, " ");
        chip(b, js(c, "status"));
        bw_buf_puts(b, "</h3><p class=\"meta\">Paths: ");
        size_t k;
        json_t *v;
        json_array_foreach(json_object_get(c, "paths"), k, v) {
            if (k)
                bw_buf_puts(b, ", ");
            bw_buf_puts(b, "<code>");
            esc(b, json_string_value(v));
            bw_buf_puts(b, "</code>");
        }
        if (js(c, "isolation")) {
            bw_buf_puts(b, ". Isolation: ");
            esc(b, js(c, "isolation"));
        }
        json_t *langs = json_object_get(c, "languages");
        if (json_object_size(langs)) {
            bw_buf_puts(b, ". Lines: ");
            const char *lk;
            json_t *lv;
            bool first = true;
            json_object_foreach(langs, lk, lv) {
                bw_buf_puts(b, first ? "" : ", ");
                first = false;
                esc(b, lk);
                bw_buf_puts(b, " ");
                num(b, json_integer_value(lv));
            }
        }
        bw_buf_puts(b, ".</p>");
        json_t *ms = json_object_get(c, "milestones");
        if (json_array_size(ms) == 0) {
            bw_buf_puts(b, "<p class=\"missing\">No phase plan declared.</p>");
        } else {
            bw_buf_puts(b, "<div class=\"scroll\"><table><thead><tr><th>phase</th><th>target</th>"
                           "<th>status</th><th>criteria (measured)</th></tr></thead><tbody>");
            json_t *m;
            json_array_foreach(ms, k, m) {
                const char *st = js(m, "status");
                bool late = st && strcmp(st, "late") == 0;
                bw_buf_printf(b, "<tr%s><td>", late ? " class=\"late\"" : "");
                esc(b, js(m, "phase"));
                bw_buf_puts(b, "</td><td>");
                esc(b, js(m, "target"));
                bw_buf_puts(b, "</td><td>");
                chip(b, st);
                if (json_is_true(json_object_get(m, "claimed_done")) &&
                    !json_is_true(json_object_get(m, "criteria_hold")))
                    bw_buf_puts(b, " <span class=\"missing\">marked done, but a criterion "
                                   "fails</span>");
                bw_buf_puts(b, "</td><td><ul class=\"crit\">");
                size_t q;
                json_t *cr;
                json_array_foreach(json_object_get(m, "criteria"), q, cr) {
                    bool holds = json_is_true(json_object_get(cr, "holds"));
                    bw_buf_puts(b, "<li>");
                    chip(b, holds ? "pass" : "fail");
                    bw_buf_puts(b, " <code>");
                    esc(b, js(cr, "id"));
                    bw_buf_puts(b, "</code>: ");
                    esc(b, js(cr, "detail"));
                    bw_buf_puts(b, "</li>");
                }
                if (json_array_size(json_object_get(m, "criteria")) == 0)
                    bw_buf_puts(b, "<li>no measured criteria</li>");
                bw_buf_puts(b, "</ul></td></tr>");
            }
            bw_buf_puts(b, "</tbody></table></div>");
        }
        json_t *deps = json_object_get(c, "dependencies");
        if (json_array_size(deps)) {
            bw_buf_puts(b, "<p>External dependencies:</p><ul>");
            json_t *d;
            json_array_foreach(deps, k, d) {
                bw_buf_puts(b, "<li><strong>");
                esc(b, js(d, "name"));
                bw_buf_puts(b, "</strong>");
                if (js(d, "language")) {
                    bw_buf_puts(b, " (");
                    esc(b, js(d, "language"));
                    bw_buf_puts(b, ")");
                }
                bw_buf_puts(b, ": ");
                esc(b, js(d, "status"));
                if (js(d, "plan")) {
                    bw_buf_puts(b, ". Plan: ");
                    esc(b, js(d, "plan"));
                }
                bw_buf_puts(b, "</li>");
            }
            bw_buf_puts(b, "</ul>");
        }
        bw_buf_puts(b, "\n");
    }
}

static void hardening_section(bw_buf *b, json_t *p, const char *pid) {
    json_t *comps = json_object_get(p, "components");
    size_t n = json_array_size(comps);
    bw_buf_puts(b, "<h2>Hardening coverage</h2>");
    const char **labels = bw_calloc(n ? n : 1, sizeof *labels);
    double *vals = bw_calloc(n ? n : 1, sizeof *vals);
    size_t m = 0;
    size_t i;
    json_t *c;
    if (!labels || !vals) {
        b->failed = true;
    } else {
        json_array_foreach(comps, i, c) {
            if (ji(c, "tu_total") == 0)
                continue;
            labels[m] = js(c, "name");
            vals[m] = (double)ji(c, "tu_hardened") / (double)ji(c, "tu_total");
            m++;
        }
        if (m) {
            char id[96];
            snprintf(id, sizeof id, "%s-hardening-chart", pid);
            bar_chart(b, id, "Share of compile units built with Bulwark hardening", labels, vals,
                      NULL, m, true);
        } else {
            bw_buf_puts(b, "<p class=\"missing\">No compile unit has been recorded through "
                           "bulwark-cc yet.</p>");
        }
    }
    bw_free(labels);
    bw_free(vals);
    bw_buf_puts(b, "<div class=\"scroll\"><table><thead><tr><th>component</th>"
                   "<th class=\"n\">hardened TUs</th><th class=\"n\">CFI-checked indirect calls</th>"
                   "<th class=\"n\">shadow-stacked functions</th><th class=\"n\">checked memory "
                   "operations</th><th class=\"n\">left unprotected</th><th class=\"n\">binaries "
                   "verified (passed)</th></tr></thead><tbody>");
    json_array_foreach(comps, i, c) {
        bw_buf_puts(b, "<tr><td>");
        esc(b, js(c, "name"));
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(c, "tu_hardened"));
        bw_buf_puts(b, " / ");
        num(b, ji(c, "tu_total"));
        static const char *const keys[] = {"icalls_instrumented", "functions_shadow_stacked",
                                           "memops_checked", "residual_unsafe"};
        for (size_t k = 0; k < 4; k++) {
            bw_buf_puts(b, "</td><td class=\"n\">");
            num(b, ji(c, keys[k]));
        }
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(c, "binaries_total"));
        bw_buf_puts(b, " (");
        num(b, ji(c, "binaries_passed"));
        bw_buf_puts(b, ")</td></tr>");
    }
    bw_buf_puts(b, "</tbody></table></div>\n");
}

static void code_section(bw_buf *b, json_t *p, const char *pid) {
    json_t *langs = json_object_get(p, "languages");
    size_t n = json_object_size(langs);
    bw_buf_puts(b, "<h2>Code by language</h2>");
    const char **labels = bw_calloc(n ? n : 1, sizeof *labels);
    double *vals = bw_calloc(n ? n : 1, sizeof *vals);
    bool *safe = bw_calloc(n ? n : 1, sizeof *safe);
    if (!labels || !vals || !safe) {
        b->failed = true;
    } else if (n) {
        size_t m = 0;
        const char *k;
        json_t *v;
        json_object_foreach(langs, k, v) {
            labels[m] = k;
            vals[m] = (double)ji(v, "lines");
            safe[m] = json_is_true(json_object_get(v, "memory_safe"));
            m++;
        }
        char id[96];
        snprintf(id, sizeof id, "%s-lang-chart", pid);
        bar_chart(b, id, "Lines of code by language (green: memory-safe)", labels, vals, safe, m,
                  false);
        bw_buf_puts(b, "<div class=\"scroll\"><table><thead><tr><th>language</th><th>memory-safe"
                       "</th><th class=\"n\">files</th><th class=\"n\">lines of code</th></tr>"
                       "</thead><tbody>");
        json_object_foreach(langs, k, v) {
            bw_buf_puts(b, "<tr><td>");
            esc(b, k);
            bw_buf_puts(b, json_is_true(json_object_get(v, "memory_safe")) ? "</td><td>yes"
                                                                           : "</td><td>no");
            bw_buf_puts(b, "</td><td class=\"n\">");
            num(b, ji(v, "files"));
            bw_buf_puts(b, "</td><td class=\"n\">");
            num(b, ji(v, "lines"));
            bw_buf_puts(b, "</td></tr>");
        }
        bw_buf_puts(b, "</tbody></table></div>");
    } else {
        bw_buf_puts(b, "<p>No source files measured.</p>");
    }
    bw_free(labels);
    bw_free(vals);
    bw_free(safe);
    json_t *uk = json_object_get(p, "unsafe_by_kind");
    bw_buf_puts(b, "<h3>Unsafe constructs in C/C++ (latest snapshot)</h3><div class=\"scroll\">"
                   "<table><thead><tr><th>kind</th><th class=\"n\">count</th></tr></thead><tbody>");
    const char *k;
    json_t *v;
    json_object_foreach(uk, k, v) {
        bw_buf_puts(b, "<tr><td>");
        esc(b, k);
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, json_integer_value(v));
        bw_buf_puts(b, "</td></tr>");
    }
    bw_buf_puts(b, "</tbody></table></div>\n");
}

static void runtime_section(bw_buf *b, json_t *p) {
    json_t *rt = json_object_get(p, "runtime");
    json_t *by_kind = json_object_get(rt, "by_kind"), *recent = json_object_get(rt, "recent");
    json_t *imp = json_object_get(rt, "imports");
    bw_buf_puts(b, "<h2>Runtime violations</h2>");
    if (json_array_size(by_kind) == 0) {
        bw_buf_puts(b, "<p>No runtime violation imported from audit logs.</p>");
    } else {
        bw_buf_puts(b, "<div class=\"scroll\"><table><thead><tr><th>kind</th><th>mode</th>"
                       "<th class=\"n\">events</th></tr></thead><tbody>");
        size_t i;
        json_t *k;
        json_array_foreach(by_kind, i, k) {
            bool report = js(k, "mode") && strcmp(js(k, "mode"), "report") == 0;
            bw_buf_printf(b, "<tr%s><td>", report ? " class=\"late\"" : "");
            esc(b, js(k, "kind"));
            bw_buf_puts(b, "</td><td>");
            esc(b, js(k, "mode"));
            if (report)
                bw_buf_puts(b, " (logged, not stopped)");
            bw_buf_puts(b, "</td><td class=\"n\">");
            num(b, ji(k, "count"));
            bw_buf_puts(b, "</td></tr>");
        }
        bw_buf_puts(b, "</tbody></table></div><h3>Most recent events</h3><div class=\"scroll\">"
                       "<table><thead><tr><th>time</th><th>host</th><th>program</th>"
                       "<th class=\"n\">pid</th><th>kind</th><th>mode / action</th><th>target</th>"
                       "<th>symbol</th><th>module</th></tr></thead><tbody>");
        json_t *e;
        json_array_foreach(recent, i, e) {
            bw_buf_puts(b, "<tr><td>");
            esc(b, js(e, "time"));
            bw_buf_puts(b, "</td><td>");
            esc(b, js(e, "host"));
            bw_buf_puts(b, "</td><td>");
            esc(b, js(e, "program"));
            bw_buf_puts(b, "</td><td class=\"n\">");
            num(b, ji(e, "pid"));
            bw_buf_puts(b, "</td><td>");
            esc(b, js(e, "kind"));
            bw_buf_puts(b, "</td><td>");
            esc(b, js(e, "mode"));
            bw_buf_puts(b, " / ");
            esc(b, js(e, "action"));
            bw_buf_puts(b, "</td><td><code>");
            esc(b, js(e, "target"));
            bw_buf_puts(b, "</code></td><td>");
            esc(b, js(e, "symbol"));
            bw_buf_puts(b, "</td><td>");
            esc(b, js(e, "module"));
            bw_buf_puts(b, "</td></tr>");
        }
        bw_buf_puts(b, "</tbody></table></div>");
    }
    if (ji(imp, "imports") > 0) {
        bw_buf_puts(b, "<p>Audit-log imports: ");
        num(b, ji(imp, "imports"));
        bw_buf_puts(b, " logs, ");
        num(b, ji(imp, "lines"));
        bw_buf_puts(b, " lines, ");
        num(b, ji(imp, "imported"));
        bw_buf_puts(b, " events stored, ");
        num(b, ji(imp, "duplicates"));
        bw_buf_puts(b, " duplicates; rejected: ");
        bool bad = ji(imp, "invalid") + ji(imp, "truncated") + ji(imp, "forged") > 0;
        if (bad)
            bw_buf_puts(b, "<span class=\"missing\">");
        num(b, ji(imp, "invalid"));
        bw_buf_puts(b, " invalid, ");
        num(b, ji(imp, "truncated"));
        bw_buf_puts(b, " truncated, ");
        num(b, ji(imp, "forged"));
        bw_buf_puts(b, " forged");
        if (bad)
            bw_buf_puts(b, "</span>");
        bw_buf_puts(b, ".</p>");
    }
    bw_buf_puts(b, "\n");
}

static void loosenings_section(bw_buf *b, json_t *p, const char *pid) {
    json_t *ls = json_object_get(p, "loosenings");
    bw_buf_printf(b, "<h2 id=\"%s-loosenings\">Loosenings in force</h2>", pid);
    bw_buf_puts(b, "<p class=\"meta\">Every way a default was weakened: disabled rules, "
                   "suppressions, report-only runtimes, baseline growth, protections switched "
                   "off.</p>");
    if (json_array_size(ls) == 0) {
        bw_buf_puts(b, "<p>None recorded.</p>\n");
        return;
    }
    bw_buf_puts(b, "<div class=\"scroll\"><table><thead><tr><th>kind</th><th>what</th>"
                   "<th>reason given</th><th>where</th><th>component</th><th>source</th>"
                   "<th class=\"n\">times</th></tr></thead><tbody>");
    size_t i;
    json_t *l;
    json_array_foreach(ls, i, l) {
        bw_buf_puts(b, "<tr><td>");
        esc(b, js(l, "kind"));
        bw_buf_puts(b, "</td><td><code>");
        esc(b, js(l, "subject"));
        bw_buf_puts(b, "</code></td><td>");
        esc_or(b, js(l, "reason"), "no reason given");
        bw_buf_puts(b, "</td><td>");
        if (js(l, "file")) {
            bw_buf_puts(b, "<code>");
            esc(b, js(l, "file"));
            if (ji(l, "line") > 0)
                bw_buf_printf(b, ":%lld", (long long)ji(l, "line"));
            bw_buf_puts(b, "</code>");
        }
        bw_buf_puts(b, "</td><td>");
        esc(b, js(l, "component"));
        bw_buf_puts(b, "</td><td>");
        esc(b, js(l, "source"));
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(l, "occurrences"));
        bw_buf_puts(b, "</td></tr>");
    }
    bw_buf_puts(b, "</tbody></table></div>\n");
}

static void product_section(bw_buf *b, json_t *p, size_t index, bool many) {
    char pid[32];
    snprintf(pid, sizeof pid, "p%zu", index);
    bw_buf_printf(b, "<section id=\"%s\">", pid);
    if (many) {
        bw_buf_puts(b, "<h1>");
        esc(b, js(p, "name"));
        bw_buf_puts(b, "</h1>");
    }
    bw_buf_puts(b, "<p class=\"meta\">Snapshot ");
    esc(b, js(p, "snapshot_time"));
    bw_buf_puts(b, " at commit <code>");
    esc(b, js(p, "git_commit") ? js(p, "git_commit") : "(not in git)");
    bw_buf_puts(b, "</code>");
    if (json_is_true(json_object_get(p, "git_dirty")))
        bw_buf_puts(b, " with uncommitted changes");
    bw_buf_puts(b, "; ");
    num(b, ji(p, "snapshots"));
    bw_buf_puts(b, " snapshots recorded.</p>");
    cards_section(b, p, pid);
    org_section(b, p);
    components_section(b, p, pid);
    trend_section(b, p, pid);
    burndown_section(b, p, pid);
    hardening_section(b, p, pid);
    runtime_section(b, p);
    code_section(b, p, pid);
    loosenings_section(b, p, pid);
    milestones_section(b, p, pid);
    bw_buf_puts(b, "</section>\n");
}

static void org_summary(bw_buf *b, json_t *products) {
    bw_buf_puts(b, "<h2>Products</h2><div class=\"scroll\"><table><thead><tr><th>product</th>"
                   "<th class=\"n\">memory-safe</th><th class=\"n\">C/C++/asm lines</th>"
                   "<th class=\"n\">components</th><th class=\"n\">late</th>"
                   "<th class=\"n\">open findings (error)</th><th class=\"n\">loosenings</th>"
                   "</tr></thead><tbody>");
    size_t i;
    json_t *p;
    json_array_foreach(products, i, p) {
        json_t *t = json_object_get(p, "totals");
        bw_buf_printf(b, "<tr%s><td><a href=\"#p%zu\">",
                      ji(t, "components_late") > 0 ? " class=\"late\"" : "", i);
        esc(b, js(p, "name"));
        bw_buf_puts(b, "</a></td><td class=\"n\">");
        pct(b, jr(t, "memory_safe_share"));
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(t, "lines_unsafe"));
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(t, "components"));
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(t, "components_late"));
        bw_buf_puts(b, "</td><td class=\"n\">");
        num(b, ji(t, "findings_open"));
        bw_buf_puts(b, " (");
        num(b, ji(t, "findings_high"));
        bw_buf_puts(b, ")</td><td class=\"n\">");
        num(b, (json_int_t)json_array_size(json_object_get(p, "loosenings")));
        bw_buf_puts(b, "</td></tr>");
    }
    bw_buf_puts(b, "</tbody></table></div>\n");
}

void bw_rm_render_html(bw_buf *b, json_t *root) {
    json_t *products = json_object_get(root, "products");
    size_t np = json_array_size(products);
    unsigned char digest[32];
    sha256(css, sizeof css - 1, digest);
    bw_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'sha256-");
    base64(b, digest, sizeof digest);
    bw_buf_puts(b, "'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
    const char *title = np == 1 ? js(json_array_get(products, 0), "name") : NULL;
    esc(b, title ? title : "Organisation");
    bw_buf_puts(b, " — memory-safety roadmap</title>\n<style>");
    bw_buf_append(b, css, sizeof css - 1);
    bw_buf_puts(b, "</style></head><body>\n<header><h1>");
    esc(b, title ? title : "Organisation");
    bw_buf_puts(b, ": memory-safety roadmap</h1><p class=\"meta\">Generated ");
    esc(b, js(root, "generated_at"));
    bw_buf_puts(b, "; milestones judged as of ");
    esc(b, js(root, "as_of"));
    if (js(root, "tool_version")) {
        bw_buf_puts(b, " by Bulwark ");
        esc(b, js(root, "tool_version"));
    }
    bw_buf_puts(b, ".</p></header>\n<main>\n");
    if (np > 1)
        org_summary(b, products);
    size_t i;
    json_t *p;
    json_array_foreach(products, i, p) product_section(b, p, i, np > 1);
    bw_buf_puts(b, "</main><footer><p class=\"meta\">Phases and criteria follow CISA's "
                   "&ldquo;The Case for Memory Safe Roadmaps&rdquo;. Numbers are measured by "
                   "Bulwark from the repository and its builds; a phase counts as done only when "
                   "its measured criteria hold.</p></footer>\n</body></html>\n");
}
