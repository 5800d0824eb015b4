/* Linux socket buffers: skb_put(skb, len) and skb_push(skb, len) hand out
 * `len` bytes of the packet (kobject_uevent.c's "%s@%s" header). */
#include <stdio.h>
#include <string.h>

struct sk_buff;
void *skb_put(struct sk_buff *skb, unsigned int len);
void *skb_push(struct sk_buff *skb, unsigned int len);

void uevent_header_ok(struct sk_buff *skb, const char *action, const char *devpath)
{
    size_t len = strlen(action) + strlen(devpath) + 2;
    char *scratch = skb_put(skb, len);
    sprintf(scratch, "%s@%s", action, devpath);
}

void uevent_header_bad(struct sk_buff *skb, const char *action, const char *devpath)
{
    size_t len = strlen(action) + strlen(devpath) + 1;
    char *scratch = skb_put(skb, len);
    sprintf(scratch, "%s@%s", action, devpath); // expect: BW-OFF-BY-ONE
}

void push_tag_ok(struct sk_buff *skb, const unsigned char tag[4])
{
    unsigned char *h = skb_push(skb, 4);
    memcpy(h, tag, 4);
}

void push_tag_bad(struct sk_buff *skb, const unsigned char tag[8])
{
    unsigned char *h = skb_push(skb, 4);
    memcpy(h, tag, 8); // expect: BW-BUFFER-OVERFLOW
}
