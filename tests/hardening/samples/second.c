/* A second translation unit for the statistics test. */
int twice(int v)
{
    char buf[16];
    buf[v & 15] = (char)v;
    return v * 2 + buf[0];
}
