/* printf conversions sized from the format's text (the specification
 * characters are replaced, widths count), and strings bounded by a
 * terminator written at a known index; each with its twin. */
#include <stdio.h>
#include <string.h>

void use(const char *p);

void sprintf_int_ok(int arg)
{
    char buf[12]; /* "-2147483648" and the terminator */
    sprintf(buf, "%d", arg);
    use(buf);
}

void sprintf_int_bad(int arg)
{
    char buf[11];
    sprintf(buf, "%d", arg); // expect: BW-BUFFER-OVERFLOW
    use(buf);
}

void sprintf_width_bad(int arg)
{
    char buf[16];
    sprintf(buf, "%30d", arg); // expect: BW-BUFFER-OVERFLOW
    use(buf);
}

void sprintf_width_ok(int arg)
{
    char buf[32];
    sprintf(buf, "%30d", arg);
    use(buf);
}

/* "segment,section" from two fixed 16-byte names */
void section_name_ok(const char *hdr)
{
    char namebuf[16 * 2 + 2];
    size_t l;
    memcpy(namebuf, hdr, 16);
    namebuf[16] = '\0';
    l = strlen(namebuf);
    namebuf[l] = ',';
    memcpy(namebuf + l + 1, hdr + 16, 16);
    namebuf[l + 1 + 16] = '\0';
    use(namebuf);
}

void section_name_bad(const char *hdr)
{
    char namebuf[16 * 2 + 2];
    size_t l;
    memcpy(namebuf, hdr, 16);
    namebuf[16] = '\0';
    l = strlen(namebuf);
    namebuf[l] = ',';
    memcpy(namebuf + l + 1, hdr + 16, 18); // expect: BW-BUFFER-OVERFLOW
    use(namebuf);
}

/* a number prints as many characters as its range needs */
void digit_suffix_ok(int n)
{
    char buf[3];
    if (n < 0 || n > 9)
        return;
    sprintf(buf, ".%d", n);
    puts(buf);
}

void digit_suffix_bad(int n)
{
    char buf[3];
    if (n < -9 || n > 9)
        return;
    sprintf(buf, ".%d", n); // expect: BW-BUFFER-OVERFLOW
    puts(buf);
}

void hex_byte_ok(unsigned char c)
{
    char buf[5];
    sprintf(buf, "%#x", c);
    puts(buf);
}

void hex_byte_bad(unsigned char c)
{
    char buf[4];
    sprintf(buf, "%#x", c); // expect: BW-BUFFER-OVERFLOW
    puts(buf);
}
