/**
 * ProFTPD's access rules: {@code <Limit>} blocks with {@code Order}, {@code Allow}/{@code Deny}
 * and the user, group and class lines (mod_core; Limit howto; FAQ chapter 5 §3, §10, §11, §13),
 * {@code <Class>} (Classes howto) and {@code <Directory>} paths. Pure values and evaluation: the
 * configuration reader builds the values, the session evaluates them for every command and, at
 * connect time, for {@code <Limit LOGIN>} ({@link dev.ferry.policy.limit.LimitChain#mayEverLogIn}).
 * Host names are handed in; nothing here resolves names.
 */
package dev.ferry.policy.limit;
