"""The guided intake: melding, keukentafelgesprek, advice and route, referral."""
