package foi.tracker.kafka.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} test, lifecycle-method or constructor parameter that {@link
 * KafkaBrokerExtension} fills with the shared broker's {@code bootstrap.servers}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface BrokerBootstrap {}
