export { type ReceivedMail, startSmtpServer } from "@tpx/testing/fake-smtp";
