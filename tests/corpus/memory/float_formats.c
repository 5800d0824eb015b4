/* How long a floating-point conversion can be: %e and %g are short (a
 * sign, the precision's digits, the point and an exponent of three digits,
 * four for long double), only %f of a large value is long (cJSON's
 * print_number: "%1.15g" and "%1.17g" into 26 bytes were two false errors,
 * counted as %f's 336).  Each safe size next to a bad one. */
#include <stdio.h>
#include <string.h>

/* safe: "-1.2345678901234567e-308" is 24 characters and the terminator */
void print_number_ok(double d)
{
    char number[26];
    sprintf(number, "%1.15g", d);
    sprintf(number, "%1.17g", d);
    puts(number);
}

/* bad: one byte short for %1.17g */
void print_number_bad(double d)
{
    char number[24];
    sprintf(number, "%1.17g", d); // expect: BW-BUFFER-OVERFLOW
    puts(number);
}

/* safe: %e is 14 characters by default ("-1.234560e+308") */
void print_sci_ok(double d)
{
    char b[15];
    sprintf(b, "%e", d);
    puts(b);
}

/* bad: no room for its terminator */
void print_sci_bad(double d)
{
    char b[14];
    sprintf(b, "%e", d); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

/* safe: a long double's exponent has four digits */
void print_long_ok(long double d)
{
    char b[16];
    sprintf(b, "%Le", d);
    puts(b);
}

/* bad: ... so 15 bytes are too few */
void print_long_bad(long double d)
{
    char b[15];
    sprintf(b, "%Le", d); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

/* bad: %f of a double may print 309 digits before the point */
void print_fixed_bad(double d)
{
    char b[64];
    sprintf(b, "%f", d); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

/* safe: %g's default precision is 6 */
void print_short_ok(double d)
{
    char b[14];
    sprintf(b, "%g", d);
    puts(b);
}

/* bad: a negative `*` precision is no precision: %e's default 6 applies
 * (helper-66's review: counted as 1, this was missed) */
void star_precision_bad(double d, int terse)
{
    char b[13];
    int p = terse ? -1 : 3;
    sprintf(b, "%.*e", p, d); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

/* safe: a precision that is never negative */
void star_precision_ok(double d, int terse)
{
    char b[13];
    int p = terse ? 1 : 3;
    sprintf(b, "%.*e", p, d);
    puts(b);
}

/* bad: %.*s with a negative precision prints the whole string */
void star_string_bad(int terse)
{
    char b[8];
    char big[100];
    memset(big, 'a', 99);
    big[99] = '\0';
    int p = terse ? -1 : 3;
    sprintf(b, "%.*s", p, big); // expect: BW-BUFFER-OVERFLOW
    puts(b);
}

/* safe: ... and a non-negative one cuts it */
void star_string_ok(int terse)
{
    char b[8];
    char big[100];
    memset(big, 'a', 99);
    big[99] = '\0';
    int p = terse ? 1 : 3;
    sprintf(b, "%.*s", p, big);
    puts(b);
}
