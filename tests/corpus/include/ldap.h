#pragma once
typedef struct ldap LDAP;
typedef struct ldapmsg LDAPMessage;
struct berval { unsigned long bv_len; char *bv_val; };
#define LDAP_SCOPE_SUBTREE 2
int ldap_search_s(LDAP *ld, const char *base, int scope, const char *filter, char **attrs, int attrsonly,
                  LDAPMessage **res);
int ldap_search_ext_s(LDAP *ld, const char *base, int scope, const char *filter, char **attrs, int attrsonly,
                      void *sctrls, void *cctrls, void *timeout, int sizelimit, LDAPMessage **res);
int ldap_bv2escaped_filter_value(struct berval *in, struct berval *out);
