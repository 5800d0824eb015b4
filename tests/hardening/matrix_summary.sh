#!/bin/bash
# matrix_summary.sh — turn matrix.sh output (on stdin) into the Markdown
# tables of docs/security.md: how many attacks succeed without Bulwark and
# how many still succeed with each protection alone and all together.
awk '
BEGIN {
  split("return address,saved frame pointer,function pointer (local),function pointer (parameter),function pointer (struct member),function pointer (global),jmp_buf,C++ vtable pointer", tn, ",")
  split("memcpy,strcpy,strncpy,sprintf,snprintf,strcat,sscanf %s,fscanf %s,hand-written loop", hn, ",")
  split("injected code,libc function (system),gadget", on, ",")
  split("stack,heap,.bss,.data", wn, ",")
}
$5 == "NA" { na++; next }
$5 != "SUCCEEDED" { bad++; next }
{
  n++; T[$1]++; H[$3]++; O[$4]++; W[$2]++
  for (i = 6; i <= 9; i++) if ($i == "SUCCEEDED") { s[i]++; ts[$1,i]++; hs[$3,i]++; os[$4,i]++; ws[$2,i]++ }
}
function row(label, tot, a, c, ss, m) { printf "| %s | %d | %d | %d | %d | %d |\n", label, tot, c, ss, m, a }
END {
  print "| | succeed without Bulwark | still succeed: CFI only | shadow stack only | memory checks only | **all together** |"
  print "|---|---:|---:|---:|---:|---:|"
  row("**all combinations**", n, s[6], s[7], s[8], s[9])
  print ""
  print "By what is overwritten:"
  print ""
  print "| target | succeed without | CFI only | shadow stack only | memory only | all |"
  print "|---|---:|---:|---:|---:|---:|"
  for (t = 1; t <= 8; t++) if (T[t]) row(tn[t], T[t], ts[t,6], ts[t,7], ts[t,8], ts[t,9])
  print ""
  print "By how the overflow is done:"
  print ""
  print "| method | succeed without | CFI only | shadow stack only | memory only | all |"
  print "|---|---:|---:|---:|---:|---:|"
  for (h = 1; h <= 9; h++) if (H[h]) row(hn[h], H[h], hs[h,6], hs[h,7], hs[h,8], hs[h,9])
  print ""
  print "By where the buffer lives:"
  print ""
  print "| location | succeed without | CFI only | shadow stack only | memory only | all |"
  print "|---|---:|---:|---:|---:|---:|"
  for (w = 1; w <= 4; w++) if (W[w]) row(wn[w], W[w], ws[w,6], ws[w,7], ws[w,8], ws[w,9])
  print ""
  print "By where control is sent:"
  print ""
  print "| redirect | succeed without | CFI only | shadow stack only | memory only | all |"
  print "|---|---:|---:|---:|---:|---:|"
  for (o = 1; o <= 3; o++) if (O[o]) row(on[o], O[o], os[o,6], os[o,7], os[o,8], os[o,9])
  print ""
  printf "Not applicable: %d combinations (see docs/security.md). Broken runs: %d.\n", na, bad + 0
}'
