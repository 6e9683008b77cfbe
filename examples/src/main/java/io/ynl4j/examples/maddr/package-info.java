/** maddr: ip maddr show over rtnetlink, with user counts from IFA_MC_USERS or /proc. */
package io.ynl4j.examples.maddr;
