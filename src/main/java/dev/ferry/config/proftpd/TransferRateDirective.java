package dev.ferry.config.proftpd;

import dev.ferry.config.TransferRates;
import dev.ferry.config.file.ConfigNode;
import java.util.Locale;

/**
 * ProFTPD's {@code TransferRate CMDS KBPS} (mod_xfer): RETR caps downloads, STOR, APPE and STOU
 * cap uploads (Ferry has one upload rate, so any of them sets it for all three). KB are 1024
 * bytes and may have decimals, as in ProFTPD. The forms with free bytes ({@code KBPS:FREE}) and
 * with a user, group or class expression are refused as not supported yet.
 */
final class TransferRateDirective {
    private TransferRateDirective() {
    }

    /** {@code rates} with what the directive {@code d} sets. */
    static TransferRates apply(ConfigNode d, TransferRates rates) throws Values.Invalid {
        if (d.args().size() == 4) {
            throw new Values.Invalid("TransferRate for a user, group or class is not supported yet");
        }
        Values.count(d, 2, 2);
        String rate = d.args().get(1);
        if (rate.contains(":")) {
            throw new Values.Invalid("TransferRate with free bytes (KBPS:FREE) is not supported yet");
        }
        long bytesPerSecond;
        try {
            double kilobytes = Double.parseDouble(rate);
            if (!(kilobytes >= 0) || kilobytes > 1e12) {
                throw new NumberFormatException();
            }
            bytesPerSecond = Math.round(kilobytes * 1024);
        } catch (NumberFormatException e) {
            throw new Values.Invalid("TransferRate takes KB/s such as 100 or 12.5, not '" + rate + "'");
        }
        long upload = rates.upload();
        long download = rates.download();
        for (String command : d.args().getFirst().split(",")) {
            switch (command.strip().toUpperCase(Locale.ROOT)) {
                case "RETR" -> download = bytesPerSecond;
                case "STOR", "APPE", "STOU" -> upload = bytesPerSecond;
                default -> throw new Values.Invalid("TransferRate applies to RETR, STOR, APPE and STOU, not '"
                        + command.strip() + "'");
            }
        }
        return new TransferRates(upload, download);
    }
}
