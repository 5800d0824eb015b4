/* BW-LDAP-INJECTION: search filters built from untrusted data. */
#include <ldap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void filter_bad(LDAP *ld)
{
    char filter[256];
    LDAPMessage *res;
    snprintf(filter, sizeof filter, "(uid=%s)", getenv("LOGIN"));
    ldap_search_s(ld, "dc=example,dc=com", LDAP_SCOPE_SUBTREE, filter, NULL, 0, &res); // expect: BW-LDAP-INJECTION
}

void filter_escaped_safe(LDAP *ld)
{
    char filter[256];
    LDAPMessage *res;
    const char *login = getenv("LOGIN");
    struct berval in = {strlen(login), (char *)login}, out;
    ldap_bv2escaped_filter_value(&in, &out);
    snprintf(filter, sizeof filter, "(uid=%s)", out.bv_val);
    ldap_search_s(ld, "dc=example,dc=com", LDAP_SCOPE_SUBTREE, filter, NULL, 0, &res);
}

void filter_ext_bad(LDAP *ld)
{
    char filter[256] = "(&(objectClass=person)(cn=";
    LDAPMessage *res;
    strcat(filter, getenv("NAME"));
    strcat(filter, "))");
    ldap_search_ext_s(ld, "dc=example,dc=com", LDAP_SCOPE_SUBTREE, filter, NULL, 0, NULL, NULL, NULL, 0, // expect: BW-LDAP-INJECTION
                      &res);
}

void filter_const_safe(LDAP *ld)
{
    LDAPMessage *res;
    ldap_search_s(ld, "dc=example,dc=com", LDAP_SCOPE_SUBTREE, "(objectClass=person)", NULL, 0, &res);
}

void filter_base_only_safe(LDAP *ld)
{
    /* the base DN is not the filter; only filters are this rule's sink */
    char base[256];
    LDAPMessage *res;
    snprintf(base, sizeof base, "ou=%s,dc=example,dc=com", "people");
    ldap_search_s(ld, base, LDAP_SCOPE_SUBTREE, "(objectClass=*)", NULL, 0, &res);
}
